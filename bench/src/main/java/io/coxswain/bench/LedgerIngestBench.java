package io.coxswain.bench;

import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.embedded.EmbeddedPostgresServer;
import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.LedgerConfig;
import io.coxswain.ledger.ingest.IngestStats;
import io.coxswain.ledger.ingest.LedgerIngest;
import io.coxswain.ledger.query.ChainReport;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.protocol.topics.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The ledger's ingest, end to end: {@code --events} records of {@code --runs} runs (both topics, see
 * {@link IngestLoad}) are produced into a broker inside this JVM, then the real {@link LedgerIngest} drains them into
 * a fresh database of an embedded PostgreSQL, {@code --rounds} times (a new database and consumer group each time):
 * events/s from the partitions' assignment to the last record committed, and the CPU seconds this JVM (consumer,
 * decoding, hashing, broker) and PostgreSQL used. Alternating with those rounds, {@code --baseline-rounds} rounds of
 * the write path before (V2's trigger hashing and linking each row in SQL: {@link TriggerChainedIngest}) on the same
 * records. With {@code --verify true}, each database's chains are walked afterwards ({@code verifyChains}): every
 * record stored once, every chain intact, including the baseline's, whose hashes the database computed.
 * Usage: {@code LedgerIngestBench [--events 1000000] [--runs 1000] [--rounds 3] [--baseline-rounds 1]
 * [--batch-size 500] [--change-every 100] [--verify true]}
 */
public final class LedgerIngestBench {
    private LedgerIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.parse(args);
        long records = Long.parseLong(opts.getOrDefault("events", "1000000"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "1000"));
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
        int baselineRounds = Integer.parseInt(opts.getOrDefault("baseline-rounds", "1"));
        int batchSize = Integer.parseInt(opts.getOrDefault("batch-size",
                String.valueOf(LedgerConfig.DEFAULT_BATCH_SIZE)));
        int changeEvery = Integer.parseInt(opts.getOrDefault("change-every", "100"));
        boolean verify = Boolean.parseBoolean(opts.getOrDefault("verify", "true"));
        Path dir = Files.createTempDirectory("cox-bench-ingest");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
             EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0)) {
            kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), Topics.DEFAULT_PARTITIONS);
            long t0 = System.nanoTime();
            Map<String, Long> produced = IngestLoad.produce(kafka.bootstrap(), records, runs, changeEvery);
            double produceSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("produced %,d records (%,d events, %,d commands) of %,d runs on %d partitions per topic"
                            + " in %.1f s%n", records, produced.get(Topics.RUN_EVENTS.name()),
                    produced.get(Topics.CONTROL.name()), runs, Topics.DEFAULT_PARTITIONS, produceSeconds);
            System.out.printf("ledger batch size %d; %d processors%n", batchSize,
                    Runtime.getRuntime().availableProcessors());
            Path pgData = dir.resolve("pg");
            List<Round> results = new ArrayList<>();
            int newDone = 0;
            int baseDone = 0;
            while (newDone < rounds || baseDone < baselineRounds) {
                if (newDone < rounds) {
                    newDone++;
                    results.add(round(kafka, postgres, pgData, "ledger-chained", newDone, records, batchSize, verify));
                }
                if (baseDone < baselineRounds) {
                    baseDone++;
                    results.add(round(kafka, postgres, pgData, "trigger-chained", baseDone, records, batchSize,
                            verify));
                }
            }
            summary(results);
        }
    }

    private static Round round(EmbeddedKafka kafka, EmbeddedPostgresServer postgres, Path pgData, String path,
                               int number, long records, int batchSize, boolean verify) throws InterruptedException {
        String database = (path.startsWith("ledger") ? "ingest_ledger_" : "ingest_trigger_") + number;
        String jdbcUrl = createDatabase(postgres, database);
        Ledger.migrate(jdbcUrl);
        Jdbi jdbi = Ledger.jdbi(jdbcUrl);
        String group = "bench-" + database;
        double seconds;
        double jvm0;
        double pg0;
        if (path.startsWith("ledger")) {
            LedgerConfig config = LedgerConfig.defaults(kafka.bootstrap(), jdbcUrl).withGroupId(group)
                    .withBatchSize(batchSize);
            try (LedgerIngest ingest = new LedgerIngest(config, jdbi)) {
                jvm0 = ProcessCpu.thisJvm();
                pg0 = ProcessCpu.postgres(pgData);
                if (!ingest.start()) {
                    throw new IllegalStateException("the ledger got no partitions");
                }
                long start = System.nanoTime();
                double ingestThreads0 = ingestThreadsCpu();
                awaitStored(ingest, records);
                seconds = (System.nanoTime() - start) / 1e9;
                double ingestThreads = ingestThreadsCpu() - ingestThreads0;
                System.out.printf("  the ledger's consumer threads: %.1f s CPU (%.0f us per event: polling, decoding,"
                        + " hashing, sending)%n", ingestThreads, ingestThreads / records * 1e6);
            }
        } else {
            jdbi.useHandle(h -> {
                try (var statement = h.getConnection().createStatement()) {
                    statement.execute(TriggerChainedIngest.REINSTATE_V2_TRIGGER);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("cannot put the V2 trigger back for the baseline: " + e, e);
                }
            });
            jvm0 = ProcessCpu.thisJvm();
            pg0 = ProcessCpu.postgres(pgData);
            seconds = new TriggerChainedIngest(kafka.bootstrap(), jdbi, group, batchSize).drain(records);
        }
        double jvm = ProcessCpu.thisJvm() - jvm0;
        awaitBackendsGone(jdbi);
        double pg = ProcessCpu.postgres(pgData) - pg0;
        long stored = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM events").mapTo(Long.class).one());
        Round round = new Round(path, number, records, stored, seconds, jvm, pg);
        System.out.printf("%s round %d: %,d records stored in %.1f s: %,.0f events/s; CPU: this JVM %.1f s, PostgreSQL"
                        + " %.1f s (%.0f + %.0f us per event)%n", path, number, stored, seconds, records / seconds,
                jvm, pg, jvm / records * 1e6, pg / records * 1e6);
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT seq_scan, seq_tup_read, idx_scan FROM pg_stat_user_tables WHERE relname = 'events'""")
                .map((rs, ctx) -> String.format("  events table: %,d sequential scans reading %,d rows, %,d index"
                        + " scans", rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .findOne().ifPresent(System.out::println));
        if (stored != records) {
            throw new IllegalStateException(path + " stored " + stored + " rows for " + records + " records");
        }
        if (verify) {
            verify(jdbi, records, path);
        }
        dropDatabase(postgres, database);
        return round;
    }

    /**
     * Waits until the round's connections have ended, so that their CPU is counted in this round (a backend's time
     * reaches its postmaster's count once it has exited).
     */
    private static void awaitBackendsGone(Jdbi jdbi) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            long others = jdbi.withHandle(h -> h.createQuery("""
                            SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
                               AND backend_type = 'client backend' AND pid <> pg_backend_pid()""")
                    .mapTo(Long.class).one());
            if (others == 0) {
                Thread.sleep(200);
                return;
            }
            Thread.sleep(50);
        }
    }

    /** CPU seconds of the live threads of LedgerIngest. */
    private static double ingestThreadsCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double seconds = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("coxswain-ledger-ingest")) {
                seconds += Math.max(0, threads.getThreadCpuTime(info.getThreadId())) / 1e9;
            }
        }
        return seconds;
    }

    private static void awaitStored(LedgerIngest ingest, long records) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(Math.max(120, records / 500)).toNanos();
        while (true) {
            IngestStats stats = ingest.stats();
            if (stats.records() >= records) {
                if (stats.failures() > 0 || stats.quarantined() > 0) {
                    System.out.printf("  (the ingest counted %d failures, %d quarantined: %s)%n", stats.failures(),
                            stats.quarantined(), stats.lastFailure());
                }
                return;
            }
            if (!stats.running() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the ingest stopped or took too long: " + stats);
            }
            Thread.sleep(20);
        }
    }

    private static void verify(Jdbi jdbi, long records, String path) {
        LedgerQueries queries = new LedgerQueries(jdbi);
        long t0 = System.nanoTime();
        ChainReport report = queries.verifyChains(null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!report.intact() || report.rows() != records) {
            throw new IllegalStateException("the chains stored by " + path + " do not verify: " + report.rows()
                    + " rows, breaks " + report.breaks().subList(0, Math.min(5, report.breaks().size())));
        }
        System.out.printf("  verified: %,d rows of %,d runs, every chain intact (%.1f s, %,.0f rows/s, %d connections)"
                + "%n", report.rows(), report.runs(), seconds, report.rows() / seconds,
                LedgerQueries.defaultWalkParallelism());
    }

    private static String createDatabase(EmbeddedPostgresServer postgres, String database) {
        Ledger.jdbi(postgres.jdbcUrl()).useHandle(h -> h.execute("CREATE DATABASE " + database));
        return postgres.jdbcUrl().replace("/" + EmbeddedPostgresServer.DATABASE + "?", "/" + database + "?");
    }

    private static void dropDatabase(EmbeddedPostgresServer postgres, String database) {
        Ledger.jdbi(postgres.jdbcUrl()).useHandle(h -> h.execute("DROP DATABASE " + database + " WITH (FORCE)"));
    }

    private static void summary(List<Round> results) {
        System.out.println();
        System.out.println("| path | round | events/s | s | JVM CPU us/event | PostgreSQL CPU us/event |");
        System.out.println("|---|---|---|---|---|---|");
        for (Round r : results) {
            System.out.printf("| %s | %d | %,.0f | %.1f | %.0f | %.0f |%n", r.path, r.number, r.records / r.seconds,
                    r.seconds, r.jvmCpu / r.records * 1e6, r.pgCpu / r.records * 1e6);
        }
        double ledger = mean(results, "ledger-chained");
        double trigger = mean(results, "trigger-chained");
        if (ledger > 0 && trigger > 0) {
            System.out.printf("mean events/s: ledger-chained %,.0f, trigger-chained %,.0f: %.2fx%n", ledger, trigger,
                    ledger / trigger);
        }
        System.out.printf("goal >= 50,000 events/s end to end: %s%n", ledger >= 50_000 ? "met" : "NOT met");
    }

    private static double mean(List<Round> results, String path) {
        return results.stream().filter(r -> r.path.equals(path)).mapToDouble(r -> r.records / r.seconds).average()
                .orElse(0);
    }

    private record Round(String path, int number, long records, long stored, double seconds, double jvmCpu,
                         double pgCpu) {
    }
}
