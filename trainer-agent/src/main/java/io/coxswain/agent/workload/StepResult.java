package io.coxswain.agent.workload;

/**
 * @param loss     the minibatch loss the step minimized (the network's score before its update)
 * @param gradNorm the L2 norm of the whole gradient before the optimizer turned it into an update, or NaN
 */
public record StepResult(double loss, double gradNorm) {
}
