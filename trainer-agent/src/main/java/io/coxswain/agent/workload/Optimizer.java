package io.coxswain.agent.workload;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/** The optimizers a workload can train with; both take a learning rate that commands may change. */
public enum Optimizer {
    SGD("sgd"),
    MOMENTUM("momentum"),
    ADAM("adam"),
    ADAMW("adamw");

    private final String wire;

    Optimizer(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Optimizer> fromWire(String name) {
        return Arrays.stream(values()).filter(o -> o.wire.equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(Optimizer::wire).collect(Collectors.joining(", "));
    }

    IUpdater updater(double learningRate) {
        return switch (this) {
            case ADAM, ADAMW -> new Adam(learningRate);
            case SGD, MOMENTUM -> new Sgd(learningRate);
        };
    }
}
