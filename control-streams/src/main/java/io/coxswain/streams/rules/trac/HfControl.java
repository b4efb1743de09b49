package io.coxswain.streams.rules.trac;

import java.util.Arrays;
import java.util.Optional;

/** The actions of TrAC's HFControls operation, and the Coxswain trigger each maps to. */
public enum HfControl {
    SHOULD_TRAINING_STOP("stop"),
    SHOULD_EPOCH_STOP("epoch_stop"),
    SHOULD_SAVE("checkpoint"),
    SHOULD_EVALUATE("evaluate"),
    SHOULD_LOG("log");

    private final String trigger;

    HfControl(String trigger) {
        this.trigger = trigger;
    }

    /** The action as written after the operation name, e.g. {@code should_training_stop}. */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Coxswain's trigger: stop, epoch_stop, checkpoint, evaluate or log. */
    public String trigger() {
        return trigger;
    }

    static Optional<HfControl> fromYaml(String action) {
        return Arrays.stream(values()).filter(c -> c.yamlName().equals(action)).findFirst();
    }
}
