package io.coxswain.agent.workload;

/**
 * What a workload needs to build its model.
 *
 * @param seed         the run's seed: weight initialization (each workload's data comes from its own fixed data
 *                     seed, so that the runs of one experiment train and evaluate on identical data)
 * @param optimizer    the optimizer and its constants
 * @param learningRate the rate of the first step (each step's rate then comes with its {@link StepRequest}), above 0
 * @param weightDecay  the weight decay of the first step (decoupled for adamw, L2 otherwise), 0 or above
 */
public record ModelSettings(long seed, OptimizerSettings optimizer, double learningRate, double weightDecay) {
    public ModelSettings {
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer settings are required");
        }
        Hyperparameters.requireValid(learningRate, weightDecay);
    }
}
