package io.coxswain.cli.control;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.query.RunStatus;
import io.coxswain.ledger.query.RunSummary;
import io.coxswain.protocol.CoxswainException;
import java.util.List;
import java.util.Optional;

/** Asks the ledger whether a run exists and is running, before a command is sent to it. */
public final class RunCheck {
    private RunCheck() {
    }

    public static RunSummary requireActive(String jdbc, String runId) {
        LedgerQueries ledger = LedgerQueries.connect(jdbc);
        Optional<RunSummary> run;
        try {
            run = ledger.run(runId);
        } catch (CoxswainException | IllegalStateException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot read the ledger at " + redact(jdbc) + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot read the ledger at " + redact(jdbc) + ": " + e, e);
        }
        if (run.isEmpty()) {
            List<String> similar = ledger.similarRunIds(runId, 5);
            throw new CliException(ExitCodes.UNKNOWN_RUN, "unknown run '" + runId + "'"
                    + (similar.isEmpty() ? "; `cox runs` lists the runs" : "; did you mean " + String.join(", ", similar)
                    + "?"));
        }
        if (run.get().status() == RunStatus.FINISHED) {
            throw new CliException(ExitCodes.RUN_FINISHED, "run '" + runId + "' has finished ("
                    + run.get().finishReason() + (run.get().finishDetail() == null ? "" : ": "
                    + run.get().finishDetail()) + " at step " + run.get().lastStep() + "); no agent is listening");
        }
        return run.get();
    }

    /** A JDBC URL without its parameters (they may hold a password). */
    public static String redact(String jdbc) {
        int q = jdbc.indexOf('?');
        return q < 0 ? jdbc : jdbc.substring(0, q);
    }
}
