package io.coxswain.ledger.ingest;

import io.coxswain.ledger.projection.ProjectionStore;
import io.coxswain.ledger.projection.Projector;
import io.coxswain.ledger.store.EventStore;
import io.coxswain.ledger.store.NewEvent;
import io.coxswain.ledger.store.OffsetStore;
import io.coxswain.ledger.store.QuarantineStore;
import io.coxswain.ledger.store.QuarantinedRecord;
import io.coxswain.ledger.store.StoredOffset;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

/**
 * Writes one poll batch in one transaction: the new events and commands, the projections of those actually
 * inserted, the quarantined records, and the next offsets. Either all of it is stored or none of it. Keeps one
 * connection open between batches (a new one after any failure); used by one thread.
 */
final class BatchWriter implements AutoCloseable {
    private final Jdbi jdbi;
    private final String groupId;
    private Handle handle;

    BatchWriter(Jdbi jdbi, String groupId) {
        this.jdbi = jdbi;
        this.groupId = groupId;
    }

    BatchOutcome write(List<Incoming> batch, List<StoredOffset> nextOffsets) {
        if (handle == null) {
            handle = jdbi.open();
        }
        try {
            return handle.inTransaction(h -> write(h, batch, nextOffsets));
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Closes the connection, if one is open; the next batch opens another. */
    @Override
    public void close() {
        Handle open = handle;
        handle = null;
        if (open != null) {
            try {
                open.close();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(BatchWriter.class).warn("ledger ingest of group {} could not close its"
                        + " database connection: {}", groupId, Failures.describe(e));
            }
        }
    }

    private BatchOutcome write(Handle handle, List<Incoming> batch, List<StoredOffset> nextOffsets) {
        List<NewEvent> rows = new ArrayList<>();
        List<QuarantinedRecord> bad = new ArrayList<>();
        for (Incoming incoming : batch) {
            if (incoming instanceof Incoming.Event e) {
                rows.add(e.row());
            } else if (incoming instanceof Incoming.Command c) {
                rows.add(c.row());
            } else if (incoming instanceof Incoming.Bad b) {
                bad.add(b.record());
            }
        }
        Set<String> inserted = new HashSet<>(handle.attach(EventStore.class).appendNew(rows));
        int stored = inserted.size();
        List<EventEnvelope> newEvents = new ArrayList<>();
        List<ControlCommand> newCommands = new ArrayList<>();
        for (Incoming incoming : batch) {
            // remove(): an id that came twice in this batch was inserted once and is projected once
            if (incoming instanceof Incoming.Event e && inserted.remove(e.row().eventId())) {
                newEvents.add(e.envelope());
            } else if (incoming instanceof Incoming.Command c && inserted.remove(c.row().eventId())) {
                newCommands.add(c.command());
            }
        }
        handle.attach(ProjectionStore.class).apply(Projector.plan(newEvents, newCommands));
        List<QuarantinedRecord> quarantined = new ArrayList<>();
        if (!bad.isEmpty()) {
            int[] inserts = handle.attach(QuarantineStore.class).insertNew(bad);
            // 0: kept before; anything else (1, or SUCCESS_NO_INFO with rewritten batches) counts as new
            IntStream.range(0, bad.size()).filter(i -> inserts[i] != 0).forEach(i -> quarantined.add(bad.get(i)));
        }
        if (!nextOffsets.isEmpty()) {
            handle.attach(OffsetStore.class).advance(groupId, nextOffsets);
        }
        return new BatchOutcome(batch.size(), stored, rows.size() - stored, quarantined);
    }
}
