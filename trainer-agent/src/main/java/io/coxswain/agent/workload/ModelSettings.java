package io.coxswain.agent.workload;

/**
 * What a workload needs to build its model.
 *
 * @param seed         the run's seed: weight initialization and any data generation
 * @param optimizer    the optimizer and its constants
 * @param learningRate the rate of the first step (each step's rate then comes with its {@link StepRequest})
 * @param weightDecay  the weight decay of the first step (decoupled for adamw, L2 otherwise)
 */
public record ModelSettings(long seed, OptimizerSettings optimizer, double learningRate, double weightDecay) {
}
