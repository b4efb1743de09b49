package io.coxswain.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.agent.workload.DataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live parameters of one run, by name, in the order RunStarted lists them. Which exist and their bounds depend on
 * the run: batch_size is bounded by its data, and a run with several data sources has a {@code mix.<source>} weight
 * per source. Immutable.
 */
public final class LiveParameters {
    public static final String LEARNING_RATE_NAME = "learning_rate";
    public static final String BATCH_SIZE_NAME = "batch_size";
    public static final String WEIGHT_DECAY_NAME = "weight_decay";
    public static final String MAX_GRAD_NORM_NAME = "max_grad_norm";
    public static final String LOGGING_STEPS_NAME = "logging_steps";
    public static final String EVAL_STEPS_NAME = "eval_steps";
    public static final String SAVE_STEPS_NAME = "save_steps";
    public static final String SAMPLE_LOSS_STEPS_NAME = "sample_loss_steps";
    public static final String MIX_PREFIX = "mix.";
    public static final double MAX_MIX_WEIGHT = 1000;

    public static final FloatParameter LEARNING_RATE = new FloatParameter(LEARNING_RATE_NAME, 0.0, true, 10.0,
            "The base (peak) learning rate of the run's schedule. The rate a step uses is this base x the"
                    + " lr_scheduler_type factor at the run's progress (x the batch-size scaling of a milestones"
                    + " schedule with scale_learning_rate). A change replaces the base from the next step on: the"
                    + " schedule's shape goes on from where it is, and the optimizer state (Adam moments, momentum)"
                    + " is kept.");
    public static final FloatParameter WEIGHT_DECAY = new FloatParameter(WEIGHT_DECAY_NAME, 0.0, false, 1.0,
            "Weight decay from the next step on: decoupled (AdamW) for adamw, L2 for the other optimizers; 0 turns"
                    + " it off.");
    public static final FloatParameter MAX_GRAD_NORM = new FloatParameter(MAX_GRAD_NORM_NAME, 0.0, false, 1e6,
            "The global L2 norm the accumulated gradient is clipped to from the next step on; 0 turns clipping off.");
    public static final IntParameter LOGGING_STEPS = new IntParameter(LOGGING_STEPS_NAME, 1, Integer.MAX_VALUE,
            "With logging_strategy steps, StepCompleted.logged is true on steps that are a multiple of this value,"
                    + " from the next step on.");
    public static final IntParameter EVAL_STEPS = new IntParameter(EVAL_STEPS_NAME, 1, Integer.MAX_VALUE,
            "With eval_strategy steps, an evaluation on the held-out split runs after every step that is a"
                    + " multiple of this value.");
    public static final IntParameter SAVE_STEPS = new IntParameter(SAVE_STEPS_NAME, 1, Integer.MAX_VALUE,
            "With save_strategy steps, a checkpoint is written after every step that is a multiple of this value.");
    public static final IntParameter SAMPLE_LOSS_STEPS = new IntParameter(SAMPLE_LOSS_STEPS_NAME, 0,
            Integer.MAX_VALUE, "StepCompleted carries the per-sample losses of the batch on steps that are a multiple"
            + " of this value; 0 never.");

    /** Settings of the run that exist but are fixed once it trains; setting them is refused with that reason. */
    public static final Set<String> FIXED_SETTINGS = Set.of("max_steps", "num_train_epochs", "seed", "optimizer",
            "workload", "checkpoint_dir", "run_id", "experiment_id", "gradient_accumulation_steps", "drop_last",
            "adam_beta1", "adam_beta2", "adam_epsilon", "momentum", "lr_scheduler_type", "warmup_steps",
            "warmup_ratio", "logging_strategy", "eval_strategy", "save_strategy", "save_total_limit",
            "batch_size_schedule", "data_sources", "corruption", "energy_watts");

    private final Map<String, LiveParameter> byName;

    private LiveParameters(List<LiveParameter> parameters) {
        Map<String, LiveParameter> map = new LinkedHashMap<>();
        parameters.forEach(p -> map.put(p.name(), p));
        this.byName = map;
    }

    /**
     * The parameters of a run on these data sources: batch_size is at most the data's size divided by the
     * micro-batches per step, and a {@code mix.<source>} weight exists per source when there are several.
     */
    public static LiveParameters forRun(List<DataSource> sources, int gradientAccumulationSteps) {
        int trainSize = sources.stream().mapToInt(DataSource::trainSize).sum();
        int maxBatch = Math.max(1, trainSize / gradientAccumulationSteps);
        List<LiveParameter> all = new ArrayList<>(List.of(LEARNING_RATE,
                new IntParameter(BATCH_SIZE_NAME, 1, maxBatch, "Samples per micro-batch from the next step on ("
                        + gradientAccumulationSteps + " micro-batches per step; at most " + maxBatch + " so that a"
                        + " step fits in the " + trainSize + " training samples). Overrides batch_size_schedule"
                        + " for the rest of the run. With drop_last, a size that does not fit what is left of the"
                        + " epoch takes effect when the epoch ends."),
                WEIGHT_DECAY, MAX_GRAD_NORM, LOGGING_STEPS, EVAL_STEPS, SAVE_STEPS, SAMPLE_LOSS_STEPS));
        if (sources.size() > 1) {
            for (DataSource source : sources) {
                all.add(new FloatParameter(MIX_PREFIX + source.name(), 0.0, false, MAX_MIX_WEIGHT,
                        "Mixture weight of data source " + source.name() + " (" + source.trainSize() + " samples):"
                                + " batches are composed in proportion to the weights from the next step on; 0"
                                + " leaves the source out; the weights may not all be 0."));
            }
        }
        return new LiveParameters(all);
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

    /** A problem of a whole set of values that no single parameter sees: the mixture weights all 0. */
    public Optional<String> combinedProblem(Map<String, JsonNode> values) {
        boolean anyMix = false;
        boolean anyPositive = false;
        for (Map.Entry<String, JsonNode> value : values.entrySet()) {
            if (value.getKey().startsWith(MIX_PREFIX)) {
                anyMix = true;
                anyPositive |= value.getValue().doubleValue() > 0;
            }
        }
        return anyMix && !anyPositive
                ? Optional.of("the mixture weights (" + MIX_PREFIX + "*) may not all be 0: no batch could be drawn")
                : Optional.empty();
    }
}
