package io.coxswain.agent.workload;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The optimizers a workload can train with; all take a learning rate and a weight decay that commands may change
 * between steps. {@link #MOMENTUM} is DL4J's {@code Nesterovs}: Nesterov's momentum, not the heavy-ball momentum of
 * PyTorch's default SGD. {@link #ADAMW} is Adam with decoupled weight decay; the others apply weight decay as an L2
 * term added to the gradient.
 */
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

    /** True when weight decay shrinks the weights apart from the gradient (AdamW), false when it is an L2 term. */
    public boolean decouplesWeightDecay() {
        return this == ADAMW;
    }

    public static Optional<Optimizer> fromWire(String name) {
        return Arrays.stream(values()).filter(o -> o.wire.equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(Optimizer::wire).collect(Collectors.joining(", "));
    }
}
