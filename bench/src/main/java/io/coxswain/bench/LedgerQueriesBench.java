package io.coxswain.bench;

import io.coxswain.embedded.EmbeddedPostgresServer;
import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.query.ChainReport;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.query.RunStateAt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jdbi.v3.core.Jdbi;

/**
 * The ledger's reads on a long run, on a real (embedded) PostgreSQL: {@code cox state}'s rebuild at random steps of a
 * run of {@code --events} events (goal: at most 200 ms at 1M events), and the hash chain walk (goal: at least 200k
 * rows/s). The run is stored with the ledger's own schema and triggers (every row chained as it is inserted), in
 * batches of SQL-generated rows: logged StepCompleted events, a ParameterChanged every {@code --change-every} steps.
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
            System.out.printf("stored %,d events of one run in %.1f s (%,.0f rows/s, chained by the insert trigger)%n",
                    events, storeSeconds, events / storeSeconds);
            jdbi.useHandle(h -> h.execute("ANALYZE events"));
            LedgerQueries ledger = LedgerQueries.connect(postgres.jdbcUrl());
            stateAt(ledger, runId, events, queries);
            verify(ledger, runId, events);
        }
    }

    private static void store(Jdbi jdbi, String runId, long events, long changeEvery) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO events (event_id, run_id, experiment_id, type, seq, step, event_time, payload,
                                    source_topic, source_partition, source_offset)
                VALUES ('start-' || :run, :run, 'bench', 'RunStarted', 1, 0, now(),
                        jsonb_build_object('type', 'RunStarted', 'runId', :run, 'step', 0,
                            'config', jsonb_build_object('learning_rate', 0.01),
                            'parameters', jsonb_build_array(jsonb_build_object('name', 'learning_rate',
                                'type', 'float', 'value', 0.01))),
                        'coxswain.run-events', 0, 0)""").bind("run", runId).execute());
        long batch = 50_000;
        for (long start = 1; start < events; start += batch) {
            long from = start;
            long to = Math.min(events - 1, from + batch - 1);
            jdbi.useTransaction(h -> h.createUpdate("""
                    INSERT INTO events (event_id, run_id, experiment_id, type, seq, step, event_time, payload,
                                        source_topic, source_partition, source_offset)
                    SELECT :run || '-' || i, :run, 'bench',
                           CASE WHEN i % :every = 0 THEN 'ParameterChanged' ELSE 'StepCompleted' END, i + 1, i,
                           now(),
                           CASE WHEN i % :every = 0
                                THEN jsonb_build_object('type', 'ParameterChanged', 'runId', :run, 'step', i,
                                        'commandId', 'c-' || i, 'param', 'learning_rate',
                                        'newValue', 0.01 / (1 + i / :every), 'source',
                                        jsonb_build_object('kind', 'rule', 'author', 'control-streams'))
                                ELSE jsonb_build_object('type', 'StepCompleted', 'runId', :run, 'step', i,
                                        'loss', 1.0 / i, 'learningRate', 0.01, 'epoch', i / 1000.0) END,
                           'coxswain.run-events', 0, i
                      FROM generate_series(:from, :to) AS i""")
                    .bind("run", runId).bind("every", changeEvery).bind("from", from).bind("to", to).execute());
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

    private static void verify(LedgerQueries ledger, String runId, long events) {
        long t0 = System.nanoTime();
        ChainReport report = ledger.verifyChains(runId);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!report.intact() || report.rows() != events) {
            throw new IllegalStateException("the chain of the stored run is not intact: " + report);
        }
        System.out.printf("chain walk: %,d rows in %.2f s: %,.0f rows/s; goal >= 200,000 rows/s: %s%n",
                report.rows(), seconds, report.rows() / seconds, report.rows() / seconds >= 200_000 ? "met" : "NOT met");
    }
}
