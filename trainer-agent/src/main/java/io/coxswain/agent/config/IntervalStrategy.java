package io.coxswain.agent.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** When something periodic happens (HF IntervalStrategy): every N steps, at each epoch end, or never. */
public enum IntervalStrategy {
    NO("no"),
    STEPS("steps"),
    EPOCH("epoch");

    private final String wire;

    IntervalStrategy(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<IntervalStrategy> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(IntervalStrategy::wire).collect(Collectors.joining(", "));
    }

    /** Whether the periodic action is due after {@code step} (counted from 1), given whether it ended an epoch. */
    public boolean due(long step, long every, boolean epochEnd) {
        return switch (this) {
            case NO -> false;
            case STEPS -> every > 0 && step % every == 0;
            case EPOCH -> epochEnd;
        };
    }
}
