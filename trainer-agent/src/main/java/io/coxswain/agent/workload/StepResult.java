package io.coxswain.agent.workload;

/**
 * @param loss         the mean loss over the step's samples before its update
 * @param gradNorm     the global L2 norm of the accumulated gradient before clipping, or NaN
 * @param sampleLosses the per-sample losses, in the order of the request's indices, when asked for; else null
 */
public record StepResult(double loss, double gradNorm, double[] sampleLosses) {
}
