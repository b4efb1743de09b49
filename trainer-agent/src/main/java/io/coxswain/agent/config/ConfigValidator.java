package io.coxswain.agent.config;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.coxswain.agent.control.LiveParameter;
import io.coxswain.agent.control.LiveParameters;
import io.coxswain.agent.workload.Corruption;
import io.coxswain.agent.workload.DataSource;
import io.coxswain.agent.workload.WorkloadCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every problem of a set of training settings, each naming the setting by its configuration key and the violated
 * bound. Incompatible combinations (both max_steps and num_train_epochs, warmup_steps and warmup_ratio, a batch
 * larger than the data) are problems too.
 */
final class ConfigValidator {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private ConfigValidator() {
    }

    static List<String> problems(TrainingConfig.Builder c) {
        List<String> problems = new ArrayList<>();
        idProblem("run_id", c.runId).ifPresent(problems::add);
        idProblem("experiment_id", c.experimentId).ifPresent(problems::add);
        tagProblems(c.tags, problems);
        Optional<List<DataSource>> sources = c.workload == null ? Optional.empty()
                : WorkloadCatalog.sources(c.workload);
        if (sources.isEmpty()) {
            problems.add("workload '" + c.workload + "' is unknown (known: "
                    + String.join(", ", WorkloadCatalog.names()) + ")");
        }
        lengthProblems(c, problems);
        batchProblems(c, sources, problems);
        optimizerProblems(c, problems);
        intervalProblems(c, problems);
        if (c.saveTotalLimit < 0) {
            problems.add("save_total_limit must be >= 0 (0 keeps every checkpoint), got " + c.saveTotalLimit);
        }
        corruptionProblems(c, problems);
        if (!(c.energyWatts > 0 && c.energyWatts <= 1_000_000)) {
            problems.add("energy_watts must be > 0 and <= 1000000, got " + c.energyWatts);
        }
        if (c.checkpointDir == null) {
            problems.add("checkpoint_dir is required");
        }
        return problems;
    }

    private static void tagProblems(List<String> tags, List<String> problems) {
        if (tags == null) {
            problems.add("tags must be a list of strings (empty for none)");
            return;
        }
        if (tags.size() > TrainingConfig.MAX_TAGS) {
            problems.add("tags: at most " + TrainingConfig.MAX_TAGS + " tags, got " + tags.size());
        }
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null || tag.isBlank()) {
                problems.add("tags[" + i + "] must not be blank");
            } else if (tag.length() > TrainingConfig.MAX_TAG_LENGTH) {
                problems.add("tags[" + i + "] must be at most " + TrainingConfig.MAX_TAG_LENGTH + " characters, got "
                        + tag.length() + " ('" + tag.substring(0, 20) + "...')");
            }
        }
    }

    private static void lengthProblems(TrainingConfig.Builder c, List<String> problems) {
        if (c.maxSteps != null && c.numTrainEpochs != null) {
            problems.add("set max_steps or num_train_epochs, not both (max_steps " + c.maxSteps
                    + ", num_train_epochs " + c.numTrainEpochs + ")");
        }
        if (c.maxSteps != null && c.maxSteps < 1) {
            problems.add("max_steps must be >= 1, got " + c.maxSteps);
        }
        if (c.numTrainEpochs != null && !(c.numTrainEpochs > 0 && c.numTrainEpochs <= 1_000_000)) {
            problems.add("num_train_epochs must be > 0 and <= 1000000, got " + c.numTrainEpochs);
        }
    }

    private static void batchProblems(TrainingConfig.Builder c, Optional<List<DataSource>> sources,
                                      List<String> problems) {
        if (c.gradientAccumulationSteps < 1 || c.gradientAccumulationSteps > 1024) {
            problems.add("gradient_accumulation_steps must be >= 1 and <= 1024, got " + c.gradientAccumulationSteps);
        }
        if (c.batchSize < 1) {
            problems.add("batch_size must be >= 1, got " + c.batchSize);
        } else if (sources.isPresent() && c.gradientAccumulationSteps >= 1) {
            int trainSize = sources.get().stream().mapToInt(DataSource::trainSize).sum();
            long effective = (long) c.batchSize * c.gradientAccumulationSteps;
            if (effective > trainSize) {
                problems.add("the effective batch size (batch_size " + c.batchSize + " x gradient_accumulation_steps "
                        + c.gradientAccumulationSteps + " = " + effective + ") must be <= " + trainSize + " (the "
                        + c.workload + " training data)");
            }
        }
        if (c.batchSizeSchedule != null) {
            problems.addAll(Schedules.batchSizeProblems(c.batchSizeSchedule, c.batchSize, true));
        }
        if (c.dataSources == null) {
            problems.add("data_sources must be a map of source name to weight (empty for weights by size)");
        } else if (sources.isPresent() && !c.dataSources.isEmpty()) {
            List<String> known = sources.get().stream().map(DataSource::name).toList();
            boolean anyPositive = false;
            for (Map.Entry<String, Double> weight : c.dataSources.entrySet()) {
                if (!known.contains(weight.getKey())) {
                    problems.add("data_sources: '" + weight.getKey() + "' is not a source of " + c.workload
                            + " (sources: " + String.join(", ", known) + ")");
                }
                Double w = weight.getValue();
                if (w == null || !Double.isFinite(w) || w < 0 || w > LiveParameters.MAX_MIX_WEIGHT) {
                    problems.add("data_sources." + weight.getKey() + " must be a weight >= 0 and <= "
                            + (int) LiveParameters.MAX_MIX_WEIGHT + ", got " + w);
                } else {
                    anyPositive |= w > 0;
                }
            }
            if (!anyPositive) {
                problems.add("data_sources: at least one weight must be above 0");
            }
        }
    }

    private static void optimizerProblems(TrainingConfig.Builder c, List<String> problems) {
        if (c.optimizer == null) {
            problems.add("optimizer is required (one of " + io.coxswain.agent.workload.Optimizer.names() + ")");
        }
        live(LiveParameters.LEARNING_RATE, DoubleNode.valueOf(c.learningRate), problems);
        unitInterval("adam_beta1", c.adamBeta1, problems);
        unitInterval("adam_beta2", c.adamBeta2, problems);
        unitInterval("momentum", c.momentum, problems);
        if (!(c.adamEpsilon > 0 && c.adamEpsilon <= 1)) {
            problems.add("adam_epsilon must be > 0 and <= 1, got " + c.adamEpsilon);
        }
        live(LiveParameters.WEIGHT_DECAY, DoubleNode.valueOf(c.weightDecay), problems);
        live(LiveParameters.MAX_GRAD_NORM, DoubleNode.valueOf(c.maxGradNorm), problems);
        if (c.lrSchedulerType == null) {
            problems.add("lr_scheduler_type is required (one of " + LrSchedulerType.names() + ")");
        }
        if (c.warmupSteps < 0) {
            problems.add("warmup_steps must be >= 0, got " + c.warmupSteps);
        }
        if (!(c.warmupRatio >= 0 && c.warmupRatio < 1)) {
            problems.add("warmup_ratio must be >= 0 and < 1, got " + c.warmupRatio);
        }
        if (c.warmupSteps > 0 && c.warmupRatio > 0) {
            problems.add("set warmup_steps or warmup_ratio, not both (warmup_steps " + c.warmupSteps
                    + ", warmup_ratio " + c.warmupRatio + ")");
        }
        long steps = c.maxSteps != null ? c.maxSteps : c.numTrainEpochs == null ? TrainingConfig.DEFAULT_MAX_STEPS : 0;
        if (steps > 0 && c.warmupSteps >= steps) {
            problems.add("warmup_steps must be < max_steps (" + steps + "), got " + c.warmupSteps);
        }
    }

    private static void intervalProblems(TrainingConfig.Builder c, List<String> problems) {
        required("logging_strategy", c.loggingStrategy, problems);
        required("eval_strategy", c.evalStrategy, problems);
        required("save_strategy", c.saveStrategy, problems);
        live(LiveParameters.LOGGING_STEPS, IntNode.valueOf(c.loggingSteps), problems);
        live(LiveParameters.EVAL_STEPS, IntNode.valueOf(c.evalSteps), problems);
        live(LiveParameters.SAVE_STEPS, IntNode.valueOf(c.saveSteps), problems);
        live(LiveParameters.SAMPLE_LOSS_STEPS, IntNode.valueOf(c.sampleLossSteps), problems);
    }

    private static void corruptionProblems(TrainingConfig.Builder c, List<String> problems) {
        if (c.corruption == null) {
            problems.add("corruption must be a list (empty for none)");
            return;
        }
        for (int i = 0; i < c.corruption.size(); i++) {
            CorruptionSpec spec = c.corruption.get(i);
            String at = "corruption[" + i + "]";
            if (spec == null) {
                problems.add(at + " must be an object with step, kind and fraction");
                continue;
            }
            if (spec.step() < 1) {
                problems.add(at + ".step must be >= 1, got " + spec.step());
            }
            if (!Corruption.LABEL_NOISE.equals(spec.kind()) && !Corruption.FEATURE_NOISE.equals(spec.kind())) {
                problems.add(at + ".kind must be " + Corruption.LABEL_NOISE + " or " + Corruption.FEATURE_NOISE
                        + ", got '" + spec.kind() + "'");
            }
            if (!(spec.fraction() > 0 && spec.fraction() <= 1)) {
                problems.add(at + ".fraction must be > 0 and <= 1, got " + spec.fraction());
            }
        }
    }

    private static void live(LiveParameter parameter, com.fasterxml.jackson.databind.JsonNode value,
                             List<String> problems) {
        parameter.problemWith(value).ifPresent(problems::add);
    }

    private static void unitInterval(String key, double value, List<String> problems) {
        if (!(value >= 0 && value < 1)) {
            problems.add(key + " must be >= 0 and < 1, got " + value);
        }
    }

    private static void required(String key, Object value, List<String> problems) {
        if (value == null) {
            problems.add(key + " is required (one of " + IntervalStrategy.names() + ")");
        }
    }

    private static Optional<String> idProblem(String key, String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(key + " is required");
        }
        return ID.matcher(value).matches() ? Optional.empty()
                : Optional.of(key + " '" + value + "' must be 1 to 128 letters, digits, '.', '_' or '-', starting"
                + " with a letter or digit");
    }
}
