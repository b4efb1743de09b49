package io.coxswain.agent.workload;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The optimizer of a run and its constants (after HF TrainingArguments' adam_beta1, adam_beta2, adam_epsilon).
 *
 * @param kind     sgd, momentum, adam or adamw
 * @param beta1    Adam's first-moment decay (adam, adamw), in [0, 1)
 * @param beta2    Adam's second-moment decay (adam, adamw), in [0, 1)
 * @param epsilon  Adam's epsilon (adam, adamw), above 0
 * @param momentum the momentum coefficient (momentum; DL4J's momentum is Nesterov's), in [0, 1)
 */
public record OptimizerSettings(Optimizer kind, double beta1, double beta2, double epsilon, double momentum) {
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;
    public static final double DEFAULT_MOMENTUM = 0.9;

    public OptimizerSettings {
        if (kind == null) {
            throw new IllegalArgumentException("an optimizer is required (one of " + Optimizer.names() + ")");
        }
        requireUnitInterval("beta1", beta1);
        requireUnitInterval("beta2", beta2);
        requireUnitInterval("momentum", momentum);
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be above 0, got " + epsilon);
        }
    }

    public static OptimizerSettings of(Optimizer kind) {
        return new OptimizerSettings(kind, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, DEFAULT_MOMENTUM);
    }

    /** DL4J's updater for this optimizer at the given rate: Sgd, Nesterovs, or Adam (for adam and adamw). */
    public IUpdater updater(double learningRate) {
        return switch (kind) {
            case SGD -> new Sgd(learningRate);
            case MOMENTUM -> new Nesterovs(learningRate, momentum);
            case ADAM, ADAMW -> new Adam(learningRate, beta1, beta2, epsilon);
        };
    }

    private static void requireUnitInterval(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
    }
}
