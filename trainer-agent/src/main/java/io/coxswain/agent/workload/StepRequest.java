package io.coxswain.agent.workload;

/**
 * One optimizer step: the gradients of every micro-batch are accumulated (weighted by micro-batch size, so the step
 * follows the mean loss over all its samples), clipped to a global L2 norm of {@code maxGradNorm} when that is above
 * 0, then turned into one update with these hyperparameters.
 *
 * @param microBatches     global sample indices per micro-batch (gradient_accumulation_steps of them), none empty
 * @param iteration        the number of optimizer steps taken before this one (Adam's bias correction uses it)
 * @param epoch            the whole epochs completed before this step
 * @param learningRate     the rate this step uses, above 0
 * @param weightDecay      the weight decay this step uses (0 for none): decoupled for adamw, an L2 term otherwise;
 *                         on the weights, not the biases
 * @param maxGradNorm      the global gradient norm clip, or 0 for no clipping
 * @param wantSampleLosses true to return the per-sample losses of the whole batch
 * @param corruption       damage to inject into this step's batch (all micro-batches together), or null
 */
public record StepRequest(int[][] microBatches, long iteration, long epoch, double learningRate, double weightDecay,
                          double maxGradNorm, boolean wantSampleLosses, Corruption corruption) {

    public StepRequest {
        if (microBatches == null || microBatches.length == 0) {
            throw new IllegalArgumentException("a step needs at least one micro-batch");
        }
        for (int[] micro : microBatches) {
            if (micro == null || micro.length == 0) {
                throw new IllegalArgumentException("a micro-batch must hold at least one sample");
            }
        }
        if (iteration < 0 || iteration > Integer.MAX_VALUE || epoch < 0 || epoch > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("iteration and epoch must be in 0.." + Integer.MAX_VALUE + ", got "
                    + iteration + " and " + epoch);
        }
        Hyperparameters.requireValid(learningRate, weightDecay);
        if (!(maxGradNorm >= 0) || Double.isInfinite(maxGradNorm)) {
            throw new IllegalArgumentException("max gradient norm must be 0 (no clipping) or above, got "
                    + maxGradNorm);
        }
    }

    /** A step on one batch with no weight decay, no clipping, no sample losses and no corruption. */
    public static StepRequest plain(int[] batch, long iteration, long epoch, double learningRate) {
        return new StepRequest(new int[][]{batch}, iteration, epoch, learningRate, 0, 0, false, null);
    }

    public int batchSize() {
        int size = 0;
        for (int[] micro : microBatches) {
            size += micro.length;
        }
        return size;
    }

    /** All the step's sample indices, micro-batch after micro-batch. */
    public int[] allIndices() {
        int[] all = new int[batchSize()];
        int at = 0;
        for (int[] micro : microBatches) {
            System.arraycopy(micro, 0, all, at, micro.length);
            at += micro.length;
        }
        return all;
    }
}
