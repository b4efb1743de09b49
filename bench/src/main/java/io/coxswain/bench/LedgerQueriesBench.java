package io.coxswain.bench;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.embedded.EmbeddedPostgresServer;
import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.query.ChainReport;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.query.RunStateAt;
import io.coxswain.ledger.store.EventStore;
import io.coxswain.ledger.store.JsonbText;
import io.coxswain.ledger.store.NewEvent;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.ParameterSpec;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Jdbi;

/**
 * The ledger's reads on a long run, on a real (embedded) PostgreSQL: {@code cox state}'s rebuild at random steps of a
 * run of {@code --events} events (goal: at most 200 ms at 1M events), and the hash chain walk (goal: at least 200k
 * rows/s) on one connection and on {@link LedgerQueries#defaultWalkParallelism()}, and the walk before (V2's single
 * SQL statement) for comparison ({@code --old-walk false} leaves it out). The run is stored as the ledger stores it
 * ({@link EventStore#appendNew}): logged StepCompleted events, a ParameterChanged every {@code --change-every} steps.
 */
public final class LedgerQueriesBench {
    private LedgerQueriesBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.parse(args);
        long events = Long.parseLong(opts.getOrDefault("events", "1000000"));
        long changeEvery = Long.parseLong(opts.getOrDefault("change-every", "1000"));
        int queries = Integer.parseInt(opts.getOrDefault("queries", "50"));
        Path dir = Files.createTempDirectory("cox-bench-ledger");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0)) {
            Ledger.migrate(postgres.jdbcUrl());
            Jdbi jdbi = Ledger.jdbi(postgres.jdbcUrl());
            String runId = "bench-long-run";
            long t0 = System.nanoTime();
            store(jdbi, runId, events, changeEvery);
            double storeSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("stored %,d events of one run in %.1f s (%,.0f rows/s, chained by the ledger, 5,000 per"
                            + " transaction)%n",
                    events, storeSeconds, events / storeSeconds);
            jdbi.useHandle(h -> h.execute("VACUUM (ANALYZE) events"));  // as autovacuum would have by then
            LedgerQueries ledger = LedgerQueries.connect(postgres.jdbcUrl());
            stateAt(ledger, runId, events, queries);
            verify(ledger, jdbi, runId, events,
                    Boolean.parseBoolean(opts.getOrDefault("old-walk", "true")),
                    Integer.parseInt(opts.getOrDefault("walks", "3")));
        }
    }

    /**
     * Appends the run as the ledger does ({@link EventStore#appendNew}: hashes computed here, each batch linked by
     * run in one statement), in transactions of 5,000 rows.
     */
    private static void store(Jdbi jdbi, String runId, long events, long changeEvery) {
        Instant start = Instant.parse("2026-11-23T00:00:00Z");
        List<NewEvent> batch = new ArrayList<>();
        for (long i = 0; i < events; i++) {
            EventHeader header = new EventHeader(runId + "-" + i, runId, "bench", i + 1, i, start.plusMillis(i * 200));
            RunEvent event = i == 0
                    ? new RunStarted(Json.mapper().createObjectNode().put("learning_rate", 0.01), 7, "mnist-mlp",
                            events, List.of(new ParameterSpec("learning_rate", "float", 0.0, 10.0, true,
                                    DoubleNode.valueOf(0.01), "optimizer learning rate")), 12.5)
                    : i % changeEvery == 0
                    ? new ParameterChanged("c-" + i, "learning_rate", DoubleNode.valueOf(0.01),
                            DoubleNode.valueOf(0.01 / (1 + i / changeEvery)),
                            CommandSource.rule("control-streams", "decay", null))
                    : new StepCompleted(i / 1000.0, (i % 1000) / 1000.0, i * 32, 32, 1.0 / i, 1.5, 0.01, 0.2, true,
                            false, null);
            EventEnvelope envelope = new EventEnvelope(header, event);
            batch.add(new NewEvent(header.eventId(), runId, "bench", envelope.type(), header.seq(), header.step(),
                    header.time(), JsonbText.of(Topics.RUN_EVENTS.codec().encode(envelope)),
                    CommandAnswer.commandIdOf(event), Topics.RUN_EVENTS.name(), 0, i));
            if (batch.size() == 5_000 || i == events - 1) {
                List<NewEvent> rows = List.copyOf(batch);
                jdbi.useTransaction(h -> h.attach(EventStore.class).appendNew(rows));
                batch.clear();
            }
        }
    }

    private static void stateAt(LedgerQueries ledger, String runId, long events, int queries) {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 5; i++) {
            ledger.stateAt(runId, random.nextLong(1, events));
        }
        List<Double> millis = new ArrayList<>();
        int parameters = 0;
        for (int i = 0; i < queries; i++) {
            long step = random.nextLong(1, events);
            long t0 = System.nanoTime();
            RunStateAt state = ledger.stateAt(runId, step).orElseThrow();
            millis.add((System.nanoTime() - t0) / 1e6);
            parameters += state.parameters().size();
        }
        Percentiles p = new Percentiles(millis);
        System.out.printf("state at a random step of a %,d-event run: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d"
                + " queries (%d parameters rebuilt); goal <= 200 ms: %s%n", events, p.at(50), p.at(99), p.at(100),
                queries, parameters, p.at(100) <= 200 ? "met" : "NOT met");
    }

    /**
     * The walk as {@code cox audit verify RUN} runs it, on one connection and on the default number; then the walk
     * before (V2's: one SQL statement recomputing every hash with {@code jsonb_build_array(...)::text}, the same
     * definition) over the same rows.
     */
    private static void verify(LedgerQueries ledger, Jdbi jdbi, String runId, long events,
                               boolean oldWalk, int walks) {
        List<Integer> connections = new ArrayList<>(List.of(1));
        if (LedgerQueries.defaultWalkParallelism() > 1) {
            connections.add(LedgerQueries.defaultWalkParallelism());
        }
        for (int walk = 1; walk <= walks; walk++) {
            for (int n : connections) {
                double jvm0 = ProcessCpu.thisJvm();
                long t0 = System.nanoTime();
                ChainReport report = ledger.verifyChains(runId, n);
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (!report.intact() || report.rows() != events) {
                    throw new IllegalStateException("the chain of the stored run is not intact: " + report);
                }
                System.out.printf("chain walk %d, %d connection(s): %,d rows in %.2f s: %,.0f rows/s (this JVM's CPU:"
                        + " %.1f us per row); goal >= 200,000 rows/s: %s%n", walk, n, report.rows(), seconds,
                        report.rows() / seconds, (ProcessCpu.thisJvm() - jvm0) / events * 1e6,
                        report.rows() / seconds >= 200_000 ? "met" : "NOT met");
            }
            if (oldWalk) {
                long t0 = System.nanoTime();
                long broken = jdbi.withHandle(h -> h.createQuery(OLD_WALK).bind("runId", runId).mapTo(Long.class)
                        .one());
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("chain walk %d before (one SQL statement, hashes recomputed in SQL): %,d rows in"
                        + " %.2f s: %,.0f rows/s (%d broken runs)%n", walk, events, seconds, events / seconds, broken);
            }
        }
    }

    /** V2's walk: every row's hash recomputed in SQL, links and gaps by window; counts the broken runs. */
    private static final String OLD_WALK = """
            SELECT count(*) FROM (
              SELECT DISTINCT ON (run_id) run_id
                FROM (SELECT run_id, run_seq,
                             run_seq <> row_number() OVER w AS gap,
                             prev_hash IS DISTINCT FROM lag(content_hash) OVER w AS link,
                             content_hash IS DISTINCT FROM sha256(convert_to(jsonb_build_array(run_id, run_seq,
                                 event_id, experiment_id, type, seq, step,
                                 floor(extract(epoch FROM event_time) * 1000000)::bigint, command_id, payload)::text,
                                 'UTF8') || coalesce(prev_hash, ''::bytea)) AS altered
                        FROM events WHERE run_id = :runId
                      WINDOW w AS (PARTITION BY run_id ORDER BY run_seq)) checked
               WHERE gap OR link OR altered
               ORDER BY run_id, run_seq) broken""";
}
