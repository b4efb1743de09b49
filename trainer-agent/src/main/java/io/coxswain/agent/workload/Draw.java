package io.coxswain.agent.workload;

/**
 * One minibatch drawn by {@link EpochSampler}.
 *
 * @param indices  training sample indices of the minibatch
 * @param epoch    the epoch the minibatch belongs to
 * @param coverage fraction of that epoch's samples drawn once this minibatch is included, in (0, 1]
 * @param epochEnd true when this minibatch completes its epoch
 * @param next     where the next draw starts
 */
public record Draw(int[] indices, long epoch, double coverage, boolean epochEnd, SamplerPosition next) {
}
