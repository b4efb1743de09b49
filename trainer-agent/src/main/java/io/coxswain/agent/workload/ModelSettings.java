package io.coxswain.agent.workload;

/** What a workload needs to build its model: the run's seed and its initial optimizer settings. */
public record ModelSettings(long seed, Optimizer optimizer, double learningRate) {
}
