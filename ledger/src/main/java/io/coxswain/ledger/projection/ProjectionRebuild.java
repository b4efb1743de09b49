package io.coxswain.ledger.projection;

import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.internal.JdbcUrls;
import io.coxswain.ledger.savings.SavingsStore;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Recreates every projection from {@code events}, in one transaction: empties the projection tables, then replays
 * the stored rows in the order they were stored, a chunk at a time, through {@link Projector} and
 * {@link ProjectionStore}, the code path the live ingest takes. Until it commits, readers see the projections as they
 * were, and the ingest's next batch waits for it (the tables are locked); on any failure nothing changes.
 */
public final class ProjectionRebuild {
    public static final int DEFAULT_CHUNK_SIZE = 1000;
    /** The view over {@code commands} that the summary counts too. */
    static final String INTERVENTIONS = "interventions";

    private final Jdbi jdbi;
    private final String where;
    private final int chunkSize;

    /**
     * @param where     the database, as messages name it (no password)
     * @param chunkSize rows replayed per plan, 1..100000
     */
    public ProjectionRebuild(Jdbi jdbi, String where, int chunkSize) {
        if (chunkSize < 1 || chunkSize > 100_000) {
            throw new IllegalArgumentException("chunk size must be 1..100000 rows, got " + chunkSize);
        }
        this.jdbi = jdbi;
        this.where = where;
        this.chunkSize = chunkSize;
    }

    public static ProjectionRebuild connect(String jdbcUrl) {
        return new ProjectionRebuild(Ledger.jdbi(jdbcUrl), JdbcUrls.redact(jdbcUrl), DEFAULT_CHUNK_SIZE);
    }

    /** Rebuilds and commits; tells {@code progress} how far it got after each chunk. */
    public RebuildSummary run(RebuildProgress progress) {
        long start = System.nanoTime();
        try {
            Replayed replayed = jdbi.inTransaction(handle -> replay(handle, progress));
            return new RebuildSummary(replayed.events(), replayed.chunks(), replayed.rows(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (JdbiException e) {
            throw new ProjectionRebuildException("cannot rebuild the projections at " + where + ": "
                    + e.getMessage() + "; nothing was changed", e);
        }
    }

    private Replayed replay(Handle handle, RebuildProgress progress) {
        // first, so the rebuild waits for batches in flight and later batches wait for it
        handle.execute("TRUNCATE " + String.join(", ", ProjectionStore.TABLES));
        EventReplay events = handle.attach(EventReplay.class);
        ProjectionStore store = handle.attach(ProjectionStore.class);
        progress.started(events.count());
        long after = 0;
        long replayed = 0;
        long chunks = 0;
        List<StoredMessage> chunk = events.after(after, chunkSize);
        while (!chunk.isEmpty()) {
            store.project(plan(chunk));
            after = chunk.get(chunk.size() - 1).id();
            replayed += chunk.size();
            chunks++;
            progress.replayed(replayed);
            chunk = events.after(after, chunkSize);
        }
        // savings last, from each run's whole history, as the ingest's refresh at the run's latest change computed them
        SavingsStore.refresh(handle, handle.createQuery("SELECT run_id FROM runs").mapTo(String.class).list());
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : ProjectionStore.TABLES) {
            rows.put(table, events.rows(table));
            if (table.equals("commands")) {
                rows.put(INTERVENTIONS, events.rows(INTERVENTIONS));
            }
        }
        return new Replayed(replayed, chunks, rows);
    }

    private record Replayed(long events, long chunks, Map<String, Long> rows) {
    }

    /** The plan of a chunk, decoded as the ingest decoded the records: events and commands, each in stored order. */
    private ProjectionPlan plan(List<StoredMessage> chunk) {
        List<EventEnvelope> events = new ArrayList<>();
        List<ControlCommand> commands = new ArrayList<>();
        for (StoredMessage message : chunk) {
            byte[] payload = message.payload().getBytes(StandardCharsets.UTF_8);
            if (ControlCommand.TYPE.equals(message.type())) {
                commands.add(decoded(message, Topics.CONTROL.codec().decode(payload)));
            } else {
                events.add(decoded(message, Topics.RUN_EVENTS.codec().decode(payload)));
            }
        }
        return Projector.plan(events, commands);
    }

    private <T> T decoded(StoredMessage message, Decoded<T> decoded) {
        if (decoded instanceof Decoded.Failure<T> failure) {
            throw new ProjectionRebuildException("cannot rebuild the projections at " + where + ": the stored "
                    + message.type() + " " + message.eventId() + " (ledger id " + message.id()
                    + ") cannot be read: " + failure.reason() + "; nothing was changed");
        }
        return ((Decoded.Ok<T>) decoded).value();
    }
}
