package io.coxswain.agent.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The live parameters this agent declares, by name, in the order RunStarted lists them. Immutable. */
public final class LiveParameters {
    public static final String LEARNING_RATE_NAME = "learning_rate";
    public static final String LOGGING_STEPS_NAME = "logging_steps";
    public static final String EVAL_STEPS_NAME = "eval_steps";

    public static final FloatParameter LEARNING_RATE = new FloatParameter(LEARNING_RATE_NAME, 0.0, true, 10.0,
            "Optimizer learning rate. A change replaces the value in effect from the next step on, for every layer;"
                    + " the optimizer state (e.g. Adam moments) is kept.");
    public static final IntParameter LOGGING_STEPS = new IntParameter(LOGGING_STEPS_NAME, 1, Integer.MAX_VALUE,
            "StepCompleted.logged is true on steps that are a multiple of this value, from the next step on.");
    public static final IntParameter EVAL_STEPS = new IntParameter(EVAL_STEPS_NAME, 1, Integer.MAX_VALUE,
            "An evaluation on the held-out split runs after every step that is a multiple of this value.");

    /** Settings of the run that exist but are fixed once it trains; setting them is refused with that reason. */
    public static final Set<String> FIXED_SETTINGS = Set.of("batch_size", "max_steps", "seed", "optimizer",
            "workload", "checkpoint_dir", "run_id", "experiment_id");

    private static final LiveParameters STANDARD = new LiveParameters(List.of(LEARNING_RATE, LOGGING_STEPS, EVAL_STEPS));

    private final Map<String, LiveParameter> byName;

    private LiveParameters(List<LiveParameter> parameters) {
        Map<String, LiveParameter> map = new LinkedHashMap<>();
        parameters.forEach(p -> map.put(p.name(), p));
        this.byName = map;
    }

    /** learning_rate, logging_steps and eval_steps. */
    public static LiveParameters standard() {
        return STANDARD;
    }

    public Optional<LiveParameter> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<LiveParameter> all() {
        return List.copyOf(byName.values());
    }

    public String names() {
        return String.join(", ", byName.keySet());
    }
}
