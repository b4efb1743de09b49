package io.coxswain.agent;

import io.coxswain.protocol.events.RunFinished;

/**
 * How a run ended, as its RunFinished said.
 *
 * @param reason            {@link RunFinished#COMPLETED}, {@link RunFinished#STOPPED} or {@link RunFinished#FAILED}
 * @param detail            the RunFinished detail: who stopped it, or the error
 * @param stepsDone         optimizer steps completed
 * @param plannedSteps      the configured maxSteps
 * @param finalLoss         the loss of the last step, NaN if no step ran
 * @param medianStepSeconds median wall time of one step (fit only), NaN if no step ran
 * @param failure           the error that failed the run, null unless {@code reason} is failed
 */
public record RunOutcome(String reason, String detail, long stepsDone, long plannedSteps, double finalLoss,
                         double medianStepSeconds, Throwable failure) {

    public boolean completed() {
        return RunFinished.COMPLETED.equals(reason);
    }

    public boolean stopped() {
        return RunFinished.STOPPED.equals(reason);
    }

    public boolean failed() {
        return RunFinished.FAILED.equals(reason);
    }
}
