package io.coxswain.ledger.savings;

import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.codec.EventCodec;
import io.coxswain.protocol.events.EventEnvelope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Reads runs' {@link RunFacts} from the ledger in two indexed queries, whatever the number of runs and steps: the
 * steps summed up in SQL, and the few other events folded by {@link RunFactsFold}. Runs without a RunStarted have no
 * facts. Reads on the caller's handle, so inside its transaction.
 */
final class RunFactsReader {
    private static final EventCodec CODEC = new EventCodec();

    private RunFactsReader() {
    }

    /** The facts of each of {@code runIds} that started, in the order given (duplicates once). */
    static List<RunFacts> read(Handle handle, Collection<String> runIds) {
        String[] ids = new LinkedHashSet<>(runIds).toArray(String[]::new);
        if (ids.length == 0) {
            return List.of();
        }
        SavingsReads reads = handle.attach(SavingsReads.class);
        Map<String, StepStats> steps = new HashMap<>();
        reads.stepRows(ids).forEach(row -> steps.put(row.runId(), row.stats()));
        Map<String, RunFactsFold> folds = new LinkedHashMap<>();
        for (SavingsReads.StoredEvent row : reads.factEvents(ids)) {
            folds.computeIfAbsent(row.runId(), RunFactsFold::withoutStepCounting).accept(decode(row));
        }
        List<RunFacts> facts = new ArrayList<>();
        for (String id : ids) {
            RunFactsFold fold = folds.get(id);
            if (fold != null && fold.started()) {
                facts.add(fold.facts(steps.getOrDefault(id, StepStats.NONE)));
            }
        }
        return facts;
    }

    private static EventEnvelope decode(SavingsReads.StoredEvent row) {
        Decoded<EventEnvelope> decoded = CODEC.decodeTree(row.payload());
        if (decoded instanceof Decoded.Ok<EventEnvelope> ok) {
            return ok.value();
        }
        throw new SavingsException("stored event " + row.eventId() + " of run " + row.runId()
                + " no longer decodes: " + ((Decoded.Failure<EventEnvelope>) decoded).reason());
    }
}
