package io.coxswain.cli.control;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.query.RunStatus;
import io.coxswain.ledger.query.RunSummary;
import io.coxswain.protocol.CoxswainException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/** Asks the ledger whether a run exists and is running, before a command is sent to it. */
public final class RunCheck {
    private RunCheck() {
    }

    public static RunSummary requireActive(String jdbc, String runId) {
        LedgerQueries ledger = LedgerQueries.connect(jdbc);
        Optional<RunSummary> run = read(jdbc, () -> ledger.run(runId));
        if (run.isEmpty()) {
            throw unknownRun(jdbc, runId);
        }
        requireNotFinished(run.get());
        return run.get();
    }

    /** The error for a run the ledger does not know (exit 5), suggesting known run ids close to it. */
    public static CliException unknownRun(String jdbc, String runId) {
        LedgerQueries ledger = LedgerQueries.connect(jdbc);
        List<String> similar = read(jdbc, () -> ledger.similarRunIds(runId, 5));
        return new CliException(ExitCodes.UNKNOWN_RUN, "unknown run '" + runId + "'"
                + (similar.isEmpty() ? "; `cox runs` lists the runs" : "; did you mean " + String.join(", ", similar)
                + "?"));
    }

    /** Reads the ledger; a failure to reach it is exit 6 naming the database (without its parameters). */
    public static <T> T read(String jdbc, Supplier<T> query) {
        try {
            return query.get();
        } catch (JdbiException | CoxswainException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot read the ledger at " + redact(jdbc) + ": "
                    + e.getMessage(), e);
        }
    }

    /** After a command went unanswered: if the ledger now says the run finished, that is the real outcome. */
    public static void requireNotFinishedNow(String jdbc, String runId) {
        LedgerQueries ledger = LedgerQueries.connect(jdbc);
        read(jdbc, () -> ledger.run(runId)).ifPresent(RunCheck::requireNotFinished);
    }

    private static void requireNotFinished(RunSummary run) {
        if (run.status() == RunStatus.FINISHED) {
            throw new CliException(ExitCodes.RUN_FINISHED, "run '" + run.runId() + "' has finished ("
                    + run.finishReason() + (run.finishDetail() == null ? "" : ": " + run.finishDetail())
                    + " at step " + run.lastStep() + "); no agent is listening");
        }
    }

    /** A JDBC URL without its parameters (they may hold a password). */
    public static String redact(String jdbc) {
        int q = jdbc.indexOf('?');
        return q < 0 ? jdbc : jdbc.substring(0, q);
    }
}
