package io.coxswain.agent.control;

import io.coxswain.protocol.commands.Triggers;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The triggers this agent carries out. The other names in {@link Triggers#ALL} are refused as not supported yet. */
public enum TriggerKind {
    /** Write a checkpoint now (CheckpointSaved). */
    CHECKPOINT(Triggers.CHECKPOINT),
    /** Evaluate on the held-out split now (EvalCompleted). */
    EVALUATE(Triggers.EVALUATE),
    /** End the run gracefully: final checkpoint, then RunFinished stopped. */
    STOP(Triggers.STOP);

    private final String wire;

    TriggerKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<TriggerKind> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(name)).findFirst();
    }

    static String supported() {
        return Arrays.stream(values()).map(TriggerKind::wire).collect(Collectors.joining(", "));
    }
}
