package io.coxswain.streams.rules.trac;

import java.util.Arrays;
import java.util.Optional;

/** The HF TrainerCallback events a TrAC controller may be triggered on, by their YAML names. */
public enum Callback {
    ON_INIT_END, ON_TRAIN_BEGIN, ON_TRAIN_END, ON_EPOCH_BEGIN, ON_EPOCH_END, ON_STEP_BEGIN, ON_SUBSTEP_END,
    ON_STEP_END, ON_OPTIMIZER_STEP, ON_EVALUATE, ON_PREDICT, ON_PREDICTION_STEP, ON_SAVE, ON_LOG;

    private final String yamlName = name().toLowerCase(java.util.Locale.ROOT);

    /** The name as written in a controller file, e.g. {@code on_step_end}. */
    public String yamlName() {
        return yamlName;
    }

    static Optional<Callback> fromYaml(String name) {
        return Arrays.stream(values()).filter(c -> c.yamlName().equals(name)).findFirst();
    }
}
