package io.coxswain.agent.config;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.agent.control.LiveParameters;
import io.coxswain.agent.workload.Optimizer;
import io.coxswain.agent.workload.WorkloadCatalog;
import io.coxswain.protocol.codec.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything a run is started with, validated when built: an instance is always valid. Invalid settings fail with
 * one {@link InvalidConfigException} listing every problem. The JSON form ({@link #toJson()}, read back by
 * {@link ConfigReader}) is what RunStarted carries, so a run can be re-executed from its recorded configuration.
 *
 * @param runId         the run, also the Kafka key of everything it publishes and reads
 * @param experimentId  the experiment (cohort) the run belongs to
 * @param workload      model and data, by catalog name (default {@value #DEFAULT_WORKLOAD})
 * @param maxSteps      planned optimizer steps
 * @param seed          drives weight initialization and minibatch order
 * @param batchSize     samples per minibatch (at most the workload's training split)
 * @param learningRate  initial learning rate; live parameter {@code learning_rate}
 * @param optimizer     adam (default) or sgd
 * @param loggingSteps  initial value of live parameter {@code logging_steps}
 * @param evalSteps     initial value of live parameter {@code eval_steps}
 * @param checkpointDir checkpoints go to {@code checkpointDir/runId/}
 */
public record TrainingConfig(String runId, String experimentId, String workload, long maxSteps, long seed,
                             int batchSize, double learningRate, Optimizer optimizer, int loggingSteps,
                             int evalSteps, Path checkpointDir) {
    public static final String DEFAULT_WORKLOAD = "mlp-blobs";
    public static final String DEFAULT_EXPERIMENT = "default";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public TrainingConfig {
        List<String> problems = problems(runId, experimentId, workload, maxSteps, batchSize, learningRate,
                optimizer, loggingSteps, evalSteps, checkpointDir);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(runId, problems);
        }
    }

    public static Builder builder(String runId) {
        return new Builder().runId(runId);
    }

    public Builder toBuilder() {
        return new Builder().runId(runId).experimentId(experimentId).workload(workload).maxSteps(maxSteps)
                .seed(seed).batchSize(batchSize).learningRate(learningRate).optimizer(optimizer)
                .loggingSteps(loggingSteps).evalSteps(evalSteps).checkpointDir(checkpointDir);
    }

    /** The directory this run's checkpoints are written to. */
    public Path runCheckpointDir() {
        return checkpointDir.resolve(runId);
    }

    /** Every setting, by its field name, with the optimizer by its wire name and the directory as a path string. */
    public ObjectNode toJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("runId", runId);
        node.put("experimentId", experimentId);
        node.put("workload", workload);
        node.put("maxSteps", maxSteps);
        node.put("seed", seed);
        node.put("batchSize", batchSize);
        node.put("learningRate", learningRate);
        node.put("optimizer", optimizer.wire());
        node.put("loggingSteps", loggingSteps);
        node.put("evalSteps", evalSteps);
        node.put("checkpointDir", checkpointDir.toString());
        return node;
    }

    private static List<String> problems(String runId, String experimentId, String workload, long maxSteps,
                                         int batchSize, double learningRate, Optimizer optimizer, int loggingSteps,
                                         int evalSteps, Path checkpointDir) {
        List<String> problems = new ArrayList<>();
        idProblem("runId", runId).ifPresent(problems::add);
        idProblem("experimentId", experimentId).ifPresent(problems::add);
        Optional<Integer> trainSize = workload == null ? Optional.empty() : WorkloadCatalog.trainSize(workload);
        if (trainSize.isEmpty()) {
            problems.add("workload '" + workload + "' is unknown (known: " + String.join(", ", WorkloadCatalog.names())
                    + ")");
        }
        if (maxSteps < 1) {
            problems.add("maxSteps must be >= 1, got " + maxSteps);
        }
        if (batchSize < 1) {
            problems.add("batchSize must be >= 1, got " + batchSize);
        } else if (trainSize.isPresent() && batchSize > trainSize.get()) {
            problems.add("batchSize must be <= " + trainSize.get() + " (the " + workload + " training split), got "
                    + batchSize);
        }
        LiveParameters.LEARNING_RATE.problemWith(DoubleNode.valueOf(learningRate))
                .ifPresent(p -> problems.add("learningRate: " + p));
        if (optimizer == null) {
            problems.add("optimizer is required (one of " + Optimizer.names() + ")");
        }
        LiveParameters.LOGGING_STEPS.problemWith(IntNode.valueOf(loggingSteps))
                .ifPresent(p -> problems.add("loggingSteps: " + p));
        LiveParameters.EVAL_STEPS.problemWith(IntNode.valueOf(evalSteps))
                .ifPresent(p -> problems.add("evalSteps: " + p));
        if (checkpointDir == null) {
            problems.add("checkpointDir is required");
        }
        return problems;
    }

    private static Optional<String> idProblem(String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(field + " is required");
        }
        return ID.matcher(value).matches() ? Optional.empty()
                : Optional.of(field + " '" + value + "' must be 1 to 128 letters, digits, '.', '_' or '-', starting"
                + " with a letter or digit");
    }

    /** Collects settings; {@link #build()} validates them all at once. Defaults as documented on the record. */
    public static final class Builder {
        private String runId;
        private String experimentId = DEFAULT_EXPERIMENT;
        private String workload = DEFAULT_WORKLOAD;
        private long maxSteps = 1000;
        private long seed = 42;
        private int batchSize = 32;
        private double learningRate = 1e-3;
        private Optimizer optimizer = Optimizer.ADAM;
        private int loggingSteps = 10;
        private int evalSteps = 100;
        private Path checkpointDir = Path.of("checkpoints");

        private Builder() {
        }

        public Builder runId(String value) {
            this.runId = value;
            return this;
        }

        public Builder experimentId(String value) {
            this.experimentId = value;
            return this;
        }

        public Builder workload(String value) {
            this.workload = value;
            return this;
        }

        public Builder maxSteps(long value) {
            this.maxSteps = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        public Builder learningRate(double value) {
            this.learningRate = value;
            return this;
        }

        public Builder optimizer(Optimizer value) {
            this.optimizer = value;
            return this;
        }

        public Builder loggingSteps(int value) {
            this.loggingSteps = value;
            return this;
        }

        public Builder evalSteps(int value) {
            this.evalSteps = value;
            return this;
        }

        public Builder checkpointDir(Path value) {
            this.checkpointDir = value;
            return this;
        }

        /** Throws {@link InvalidConfigException} listing every invalid setting. */
        public TrainingConfig build() {
            return new TrainingConfig(runId, experimentId, workload, maxSteps, seed, batchSize, learningRate,
                    optimizer, loggingSteps, evalSteps, checkpointDir);
        }
    }
}
