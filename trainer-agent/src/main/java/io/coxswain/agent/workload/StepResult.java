package io.coxswain.agent.workload;

/**
 * @param loss         the mean loss over the step's samples (as corrupted, if the request asked for it) before its
 *                     update, without the weight decay penalty; per time step for sequence workloads
 * @param gradNorm     the global L2 norm of the gradient of that loss (accumulated over the micro-batches) before
 *                     clipping and before weight decay
 * @param sampleLosses the per-sample losses, in the order of the request's indices, when asked for; else null
 */
public record StepResult(double loss, double gradNorm, double[] sampleLosses) {
}
