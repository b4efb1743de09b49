package io.coxswain.agent.control;

import io.coxswain.protocol.commands.Triggers;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The triggers this agent carries out, each between two steps, in the order a command lists them. */
public enum TriggerKind {
    /** Write a checkpoint now (CheckpointSaved). */
    CHECKPOINT(Triggers.CHECKPOINT),
    /** Evaluate on the held-out split now (EvalCompleted). */
    EVALUATE(Triggers.EVALUATE),
    /** Publish a detailed snapshot of the run's state (StateLogged). */
    LOG(Triggers.LOG),
    /** End the run gracefully: final checkpoint, then RunFinished stopped. */
    STOP(Triggers.STOP),
    /** End the current epoch now: the rest of it is skipped (counted in samplesDropped); training goes on. */
    EPOCH_STOP(Triggers.EPOCH_STOP),
    /** Stop stepping until resume (RunPaused); commands are still answered. A pause while paused is a no-op. */
    PAUSE(Triggers.PAUSE),
    /** Step again after a pause (RunResumed). A resume while not paused is a no-op. */
    RESUME(Triggers.RESUME);

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
