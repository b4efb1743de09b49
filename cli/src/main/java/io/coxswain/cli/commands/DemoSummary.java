package io.coxswain.cli.commands;

import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.query.ParameterChangeRow;
import io.coxswain.ledger.query.RunStatus;
import io.coxswain.ledger.query.RunSummary;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/** Reads the demo's runs back from the ledger (what PostgreSQL recorded, not what the agents said) and prints them. */
final class DemoSummary {
    private static final Duration LEDGER_WAIT = Duration.ofSeconds(30);

    private final LedgerQueries ledger;
    private final PrintWriter out;

    DemoSummary(LedgerQueries ledger, PrintWriter out) {
        this.ledger = ledger;
        this.out = out;
    }

    void print(DemoRuns runs) throws InterruptedException {
        out.println();
        out.println("Summary (read back from the ledger):");
        for (DemoRuns.Run run : runs.runs()) {
            Optional<RunSummary> recorded = awaitFinished(run.runId());
            var outcome = run.outcome();
            out.printf("  %s (%s)%n", run.runId(), run.role());
            if (recorded.isEmpty()) {
                out.printf("    not finished in the ledger after %d s; the agent reported %s at step %d%n",
                        LEDGER_WAIT.toSeconds(), outcome.reason(), outcome.stepsDone());
                continue;
            }
            RunSummary r = recorded.get();
            out.printf("    %s at step %d of %d%s%n", r.finishReason(), r.lastStep(), r.plannedSteps(),
                    r.finishDetail() == null ? "" : " — " + r.finishDetail());
            if (r.lastLoss() != null) {
                out.printf("    final loss %.4f, %d events and commands recorded%n", r.lastLoss(),
                        ledger.eventCount(r.runId()));
            }
            for (ParameterChangeRow c : ledger.parameterChanges(r.runId())) {
                out.printf("    step %d: %s %s -> %s by %s %s%s%n", c.step(), c.param(), c.oldValue(), c.newValue(),
                        c.sourceKind() == null ? "?" : c.sourceKind().wire(), c.author(), c.reason() == null ? "" : " (" + c.reason() + ")");
            }
            long unrun = outcome.plannedSteps() - outcome.stepsDone();
            if (unrun > 0 && !Double.isNaN(outcome.medianStepSeconds())) {
                out.printf("    %d planned steps not run: about %.1f s of training saved (estimated from the median"
                        + " step time %.1f ms)%n", unrun, unrun * outcome.medianStepSeconds(),
                        outcome.medianStepSeconds() * 1000);
            }
        }
        out.flush();
    }

    private Optional<RunSummary> awaitFinished(String runId) throws InterruptedException {
        long deadline = System.nanoTime() + LEDGER_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<RunSummary> run = ledger.run(runId);
            if (run.isPresent() && run.get().status() == RunStatus.FINISHED) {
                return run;
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }
}
