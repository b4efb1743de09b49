package io.coxswain.ledger.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.LedgerException;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.codec.EventCodec;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads from the ledger what re-executing a run takes: its recipe (configuration, seed, workload and the schedule of
 * the commands it applied) and its losses by step. Thread-safe; each call uses its own connection.
 */
public final class RecipeQuery {
    private static final EventCodec EVENTS = new EventCodec();

    private final ReplayReads reads;

    public RecipeQuery(Jdbi jdbi) {
        this.reads = jdbi.onDemand(ReplayReads.class);
    }

    public static RecipeQuery connect(String jdbcUrl) {
        return new RecipeQuery(Ledger.jdbi(jdbcUrl));
    }

    /** The run's recipe; empty when the ledger has no RunStarted for it. */
    public Optional<RunRecipe> recipe(String runId) {
        Objects.requireNonNull(runId, "runId");
        return reads.parts(runId).map(parts -> {
            RunStarted started = (RunStarted) decode(parts.start()).event();
            List<EventEnvelope> answers = new ArrayList<>();
            parts.answers().forEach(payload -> answers.add(decode(payload)));
            EventEnvelope finish = parts.finish() == null ? null : decode(parts.finish());
            long lastStep = finish == null ? parts.lastStep() : finish.step();
            return new RunRecipe(runId, started.config(), started.seed(), started.workload(), started.plannedSteps(),
                    ScheduleFromEvents.of(runId, answers), lastStep,
                    finish == null ? null : (RunFinished) finish.event());
        });
    }

    /** The run's loss at each step it published, as stored (a step stored twice keeps its first loss). */
    public SortedMap<Long, Double> losses(String runId) {
        SortedMap<Long, Double> losses = new TreeMap<>();
        for (ReplayReads.StepLoss row : reads.losses(Objects.requireNonNull(runId, "runId"))) {
            losses.putIfAbsent(row.step(), Double.parseDouble(row.loss()));
        }
        return losses;
    }

    private static EventEnvelope decode(JsonNode payload) {
        Decoded<EventEnvelope> decoded = EVENTS.decodeTree(payload);
        if (decoded instanceof Decoded.Ok<EventEnvelope> ok) {
            return ok.value();
        }
        throw new LedgerException("the ledger holds an event it cannot read back: " + decoded);
    }
}
