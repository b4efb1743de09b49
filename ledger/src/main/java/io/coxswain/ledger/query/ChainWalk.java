package io.coxswain.ledger.query;

import io.coxswain.ledger.LedgerException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Walks the hash chains: splits the rows, ordered by {@code (run_id, run_seq)}, into ranges of about equal size,
 * reads and hashes each range on its own connection and thread ({@link ChainSegmentReader}), every one in the same
 * snapshot (exported by the first), and joins the ranges ({@link ChainStitch}). The work is the database printing
 * each payload and the ledger hashing it, so ranges in parallel use as many cores on both sides.
 */
final class ChainWalk {
    /** Ranges smaller than this are not worth a connection of their own. */
    static final long MIN_SEGMENT_ROWS = 50_000;
    /** Sampled keys per range to place the boundaries between ranges. */
    private static final int SAMPLES_PER_SEGMENT = 200;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Jdbi jdbi;
    private final int parallelism;
    private final long minSegmentRows;

    ChainWalk(Jdbi jdbi, int parallelism, long minSegmentRows) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("a chain walk needs at least 1 connection, got " + parallelism);
        }
        this.jdbi = jdbi;
        this.parallelism = parallelism;
        this.minSegmentRows = Math.max(1, minSegmentRows);
    }

    /** Every run's chain, or only {@code runId}'s when given. */
    ChainReport verify(String runId) {
        try (Handle first = jdbi.open()) {
            first.begin();
            try {
                first.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                List<ChainRange> ranges = runId == null ? allRanges(first) : runRanges(first, runId);
                if (ranges.isEmpty()) {
                    return new ChainReport(0, 0, List.of());
                }
                return ChainStitch.report(ranges.size() == 1 ? List.of(ChainSegmentReader.read(first, ranges.get(0)))
                        : inParallel(first, ranges));
            } finally {
                first.rollback();
            }
        }
    }

    /** One run: ranges of equal length of its positions, up to its last position in this snapshot. */
    private List<ChainRange> runRanges(Handle handle, String runId) {
        Long last = handle.createQuery("SELECT max(run_seq) FROM events WHERE run_id = :run").bind("run", runId)
                .mapTo(Long.class).one();
        if (last == null) {
            return List.of();
        }
        int count = segments(last);
        List<ChainRange> ranges = new ArrayList<>();
        long from = 0;
        for (int i = 1; i <= count; i++) {
            long to = i == count ? last : last * i / count;
            ranges.add(new ChainRange(new ChainRange.Key(runId, from), new ChainRange.Key(runId, to)));
            from = to;
        }
        return ranges;
    }

    /** Every run: boundaries at the quantiles of a sample of the keys, in the database's order. */
    private List<ChainRange> allRanges(Handle handle) {
        long estimate = handle.createQuery("""
                        SELECT CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint
                                    ELSE (SELECT count(*) FROM events) END
                          FROM pg_class c WHERE c.oid = 'events'::regclass""")
                .mapTo(Long.class).one();
        if (estimate == 0 && !handle.createQuery("SELECT EXISTS (SELECT 1 FROM events)").mapTo(Boolean.class).one()) {
            return List.of();
        }
        int count = segments(estimate);
        if (count == 1) {
            return List.of(new ChainRange(null, null));
        }
        double percent = Math.min(100.0, 100.0 * SAMPLES_PER_SEGMENT * count / Math.max(1, estimate));
        List<ChainRange.Key> sample = handle.createQuery("""
                        SELECT run_id, run_seq FROM events TABLESAMPLE SYSTEM (:percent) REPEATABLE (7)
                         ORDER BY run_id, run_seq""")
                .bind("percent", percent)
                .map((rs, ctx) -> new ChainRange.Key(rs.getString(1), rs.getLong(2))).list();
        List<ChainRange> ranges = new ArrayList<>();
        ChainRange.Key from = null;
        for (int i = 1; i < count; i++) {
            if (sample.isEmpty()) {
                break;
            }
            ChainRange.Key to = sample.get(Math.min(sample.size() - 1, sample.size() * i / count));
            if (!to.equals(from)) {
                ranges.add(new ChainRange(from, to));
                from = to;
            }
        }
        ranges.add(new ChainRange(from, null));
        return ranges;
    }

    private int segments(long rows) {
        return (int) Math.max(1, Math.min(parallelism, rows / minSegmentRows));
    }

    /** The first range on {@code first}, the others on connections of their own that import its snapshot. */
    private List<ChainSegment> inParallel(Handle first, List<ChainRange> ranges) {
        String snapshot = first.createQuery("SELECT pg_export_snapshot()").mapTo(String.class).one();
        ExecutorService workers = Executors.newFixedThreadPool(ranges.size() - 1, task -> {
            Thread t = new Thread(task, "coxswain-chain-walk-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ChainSegment>> others = new ArrayList<>();
            for (ChainRange range : ranges.subList(1, ranges.size())) {
                others.add(workers.submit(() -> readInSnapshot(snapshot, range)));
            }
            List<ChainSegment> segments = new ArrayList<>();
            segments.add(ChainSegmentReader.read(first, ranges.get(0)));
            for (Future<ChainSegment> other : others) {
                segments.add(other.get());
            }
            return segments;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while walking the hash chains", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new LedgerException("a worker of the chain walk failed: " + cause, cause);
        } finally {
            workers.shutdownNow();
        }
    }

    private ChainSegment readInSnapshot(String snapshot, ChainRange range) {
        try (Handle handle = jdbi.open()) {
            handle.begin();
            try {
                handle.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                handle.createUpdate("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "''") + "'").execute();
                return ChainSegmentReader.read(handle, range);
            } finally {
                handle.rollback();
            }
        }
    }
}
