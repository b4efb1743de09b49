package io.coxswain.agent.workload;

/**
 * One optimizer step: the gradients of every micro-batch are accumulated (weighted by micro-batch size, so the step
 * follows the mean loss over all its samples), clipped to a global L2 norm of {@code maxGradNorm} when that is above
 * 0, then turned into one update with these hyperparameters.
 *
 * @param microBatches     global sample indices per micro-batch (gradient_accumulation_steps of them), none empty
 * @param iteration        the number of optimizer steps taken before this one (Adam's bias correction uses it)
 * @param epoch            the whole epochs completed before this step
 * @param learningRate     the rate this step uses
 * @param weightDecay      the weight decay this step uses (0 for none)
 * @param maxGradNorm      the global gradient norm clip, or 0 for no clipping
 * @param wantSampleLosses true to return the per-sample losses of the whole batch
 * @param corruption       damage to inject into this step's batch, or null
 */
public record StepRequest(int[][] microBatches, long iteration, long epoch, double learningRate, double weightDecay,
                          double maxGradNorm, boolean wantSampleLosses, Corruption corruption) {

    public int batchSize() {
        int size = 0;
        for (int[] micro : microBatches) {
            size += micro.length;
        }
        return size;
    }
}
