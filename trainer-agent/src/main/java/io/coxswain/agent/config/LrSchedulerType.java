package io.coxswain.agent.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the learning rate moves over a run after warmup (HF lr_scheduler_type). */
public enum LrSchedulerType {
    CONSTANT("constant"),
    LINEAR("linear"),
    COSINE("cosine");

    private final String wire;

    LrSchedulerType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<LrSchedulerType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(LrSchedulerType::wire).collect(Collectors.joining(", "));
    }
}
