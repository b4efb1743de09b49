package io.coxswain.ledger.query;

import io.coxswain.ledger.Ledger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** What the CLI and the web UI read from the ledger. Thread-safe; each call uses its own connection. */
public final class LedgerQueries {
    /** PostgreSQL's levenshtein() takes at most 255 bytes per argument. */
    private static final int MAX_COMPARED_BYTES = 255;

    private final Jdbi jdbi;
    private final LedgerReads reads;

    public LedgerQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.reads = jdbi.onDemand(LedgerReads.class);
    }

    public static LedgerQueries connect(String jdbcUrl) {
        return new LedgerQueries(Ledger.jdbi(jdbcUrl));
    }

    /** Every run, newest first (by start time, then last change). */
    public List<RunSummary> runs() {
        return reads.runs(Integer.MAX_VALUE);
    }

    /** The newest {@code limit} runs. */
    public List<RunSummary> runs(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 to list runs, got " + limit);
        }
        return reads.runs(limit);
    }

    /**
     * The newest {@code limit} runs of {@code experiment} carrying {@code tag} (each filter ignored when null), with
     * their tags, epoch, last rule intervention and saved time.
     */
    public List<RunOverview> overviews(String experiment, String tag, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 to list runs, got " + limit);
        }
        return reads.overviews(null, experiment, tag, limit);
    }

    /** One run as {@link #overviews} shows it. */
    public Optional<RunOverview> overview(String runId) {
        return reads.overviews(requireRunId(runId), null, null, 1).stream().findFirst();
    }

    public Optional<RunSummary> run(String runId) {
        return reads.run(requireRunId(runId));
    }

    /**
     * Known run ids close to {@code runId}, closest first, for an "unknown run" message: up to a quarter of its
     * characters edited (at least one), or starting with it, ignoring case.
     */
    public List<String> similarRunIds(String runId, int max) {
        requireRunId(runId);
        if (max < 1 || runId.getBytes(StandardCharsets.UTF_8).length > MAX_COMPARED_BYTES) {
            return List.of();
        }
        return reads.similarRunIds(runId, Math.max(1, runId.length() / 4), max);
    }

    /** The run's parameter changes in the order it applied them. */
    public List<ParameterChangeRow> parameterChanges(String runId) {
        return reads.parameterChanges(requireRunId(runId));
    }

    /** How many events and commands of the run the ledger holds. */
    public long eventCount(String runId) {
        return reads.eventCount(requireRunId(runId));
    }

    /** The run's latest {@code limit} events and commands, oldest of them first. */
    public List<EventRow> events(String runId, int limit) {
        requireRunId(runId);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 to list events of run " + runId
                    + ", got " + limit);
        }
        return reads.latestEvents(runId, limit);
    }

    /** Every event of the run (not the commands sent to it), in the order the ledger stored them. */
    public List<EventRow> runEvents(String runId) {
        return reads.runEvents(requireRunId(runId));
    }

    /**
     * The run as it stood at the end of {@code step}: empty when the ledger has no RunStarted for it. Three indexed
     * reads (the first start, the changes up to the step, the step's event), whatever the run's length.
     */
    public Optional<RunStateAt> stateAt(String runId, long step) {
        requireRunId(runId);
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        return reads.stateAt(runId, step);
    }

    /**
     * The run's audit timeline: its starts and end, every command sent to it, every answer (changes, triggers,
     * rejections, ignored commands, loaded checkpoints), pauses, schedule rejections and the rules' reports, in the
     * order the ledger stored them.
     */
    public List<EventRow> auditTimeline(String runId) {
        return reads.auditTimeline(requireRunId(runId));
    }

    /**
     * Walks the hash chains of every run, or of {@code runId} when given: recomputes each row's hash over what is
     * stored, and checks its link to the row before and that positions do not skip. Reads one snapshot, streaming,
     * over up to {@link #defaultWalkParallelism()} connections at once.
     */
    public ChainReport verifyChains(String runId) {
        return verifyChains(runId, defaultWalkParallelism());
    }

    /** {@link #verifyChains(String)} over up to {@code connections} connections (and threads) at once. */
    public ChainReport verifyChains(String runId, int connections) {
        return new ChainWalk(jdbi, connections, ChainWalk.MIN_SEGMENT_ROWS).verify(runId);
    }

    /** The processors of this machine, at most 4: a walk's connections when none are given. */
    public static int defaultWalkParallelism() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** The latest {@code limit} records that could not be decoded, newest first. */
    public List<QuarantineRow> quarantine(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 to list quarantined records, got " + limit);
        }
        return reads.quarantine(limit);
    }

    private static String requireRunId(String runId) {
        return Objects.requireNonNull(runId, "runId");
    }
}
