package io.coxswain.agent.workload;

/**
 * The optimizer of a run and its constants (after HF TrainingArguments' adam_beta1, adam_beta2, adam_epsilon).
 *
 * @param kind     sgd, momentum, adam or adamw
 * @param beta1    Adam's first-moment decay (adam, adamw)
 * @param beta2    Adam's second-moment decay (adam, adamw)
 * @param epsilon  Adam's epsilon (adam, adamw)
 * @param momentum the momentum coefficient (momentum)
 */
public record OptimizerSettings(Optimizer kind, double beta1, double beta2, double epsilon, double momentum) {
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;
    public static final double DEFAULT_MOMENTUM = 0.9;

    public static OptimizerSettings of(Optimizer kind) {
        return new OptimizerSettings(kind, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, DEFAULT_MOMENTUM);
    }
}
