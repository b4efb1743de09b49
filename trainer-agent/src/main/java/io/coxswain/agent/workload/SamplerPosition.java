package io.coxswain.agent.workload;

/**
 * Where a run stands in its minibatch order.
 *
 * @param epoch  the epoch being drawn, from 0
 * @param offset how many samples of that epoch have been drawn
 */
public record SamplerPosition(long epoch, int offset) {
    public static final SamplerPosition START = new SamplerPosition(0, 0);
}
