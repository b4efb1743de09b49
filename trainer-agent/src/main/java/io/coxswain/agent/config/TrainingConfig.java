package io.coxswain.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.agent.workload.Optimizer;
import io.coxswain.agent.workload.OptimizerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run is started with (after HF TrainingArguments), validated when built: an instance is always valid.
 * Invalid or incompatible settings fail with one {@link InvalidConfigException} listing every problem
 * ({@link ConfigValidator}). The JSON form ({@link ConfigJson}: snake_case keys, as in a YAML file) is what
 * RunStarted carries, so a run can be re-executed from its recorded configuration.
 *
 * @param runId run_id: the run, also the Kafka key of everything it publishes and reads
 * @param experimentId experiment_id: the experiment (cohort) the run belongs to
 * @param tags tags: free labels of the run (e.g. {@code baseline}, {@code pbt}); control rules are scoped by experiment
 *             and tags
 * @param workload workload: model and data, by workload name (built-in or plugged in)
 * @param seed seed: drives weight initialization, data generation and minibatch order
 * @param maxSteps max_steps: optimizer steps to run; or null when num_train_epochs bounds the run (default 1000 when neither is set)
 * @param numTrainEpochs num_train_epochs: epochs to run (fractional allowed); or null when max_steps bounds the run
 * @param batchSize batch_size: samples per micro-batch at the first step (the schedule's start when a schedule is set)
 * @param gradientAccumulationSteps gradient_accumulation_steps: micro-batches per optimizer step
 * @param dropLast drop_last: drop an epoch's remainder smaller than the next batch instead of training on a short batch
 * @param batchSizeSchedule batch_size_schedule: per-step batch size, or null for a constant batch_size
 * @param dataSources data_sources: mixture weight per data source; empty = every source weighted by its size
 * @param optimizer optimizer: sgd, momentum, adam or adamw
 * @param learningRate learning_rate: the schedule's base (peak) learning rate; live parameter learning_rate
 * @param adamBeta1 adam_beta1: Adam's first-moment decay (adam, adamw)
 * @param adamBeta2 adam_beta2: Adam's second-moment decay (adam, adamw)
 * @param adamEpsilon adam_epsilon: Adam's epsilon (adam, adamw)
 * @param momentum momentum: momentum coefficient (momentum)
 * @param weightDecay weight_decay: decoupled for adamw, L2 otherwise; live parameter weight_decay
 * @param maxGradNorm max_grad_norm: global gradient-norm clip, 0 for none; live parameter max_grad_norm
 * @param lrSchedulerType lr_scheduler_type: constant, linear or cosine decay of the learning rate
 * @param warmupSteps warmup_steps: linear warmup over this many steps (or use warmup_ratio)
 * @param warmupRatio warmup_ratio: linear warmup over this fraction of the run (or use warmup_steps)
 * @param loggingStrategy logging_strategy: when steps are marked logged: steps, epoch or no
 * @param loggingSteps logging_steps: logging interval in steps (strategy steps); live parameter logging_steps
 * @param evalStrategy eval_strategy: when to evaluate: steps, epoch or no
 * @param evalSteps eval_steps: evaluation interval in steps (strategy steps); live parameter eval_steps
 * @param saveStrategy save_strategy: when to checkpoint: steps, epoch or no (the final checkpoint is always written)
 * @param saveSteps save_steps: checkpoint interval in steps (strategy steps); live parameter save_steps
 * @param saveTotalLimit save_total_limit: keep at most this many checkpoints, deleting the oldest; 0 = keep all
 * @param sampleLossSteps sample_loss_steps: publish per-sample losses every this many steps, 0 = never; live parameter sample_loss_steps
 * @param corruption corruption: damage injected into the batches of chosen steps
 * @param energyWatts energy_watts: power assumed for energy estimates when no meter is readable
 * @param checkpointDir checkpoint_dir: checkpoints go to checkpoint_dir/run_id/
 */
public record TrainingConfig(String runId,
                             String experimentId,
                             List<String> tags,
                             String workload,
                             long seed,
                             Long maxSteps,
                             Double numTrainEpochs,
                             int batchSize,
                             int gradientAccumulationSteps,
                             boolean dropLast,
                             JsonNode batchSizeSchedule,
                             Map<String, Double> dataSources,
                             Optimizer optimizer,
                             double learningRate,
                             double adamBeta1,
                             double adamBeta2,
                             double adamEpsilon,
                             double momentum,
                             double weightDecay,
                             double maxGradNorm,
                             LrSchedulerType lrSchedulerType,
                             long warmupSteps,
                             double warmupRatio,
                             IntervalStrategy loggingStrategy,
                             int loggingSteps,
                             IntervalStrategy evalStrategy,
                             int evalSteps,
                             IntervalStrategy saveStrategy,
                             int saveSteps,
                             int saveTotalLimit,
                             int sampleLossSteps,
                             List<CorruptionSpec> corruption,
                             double energyWatts,
                             Path checkpointDir) {
    public static final String DEFAULT_WORKLOAD = "mlp-blobs";
    public static final String DEFAULT_EXPERIMENT = "default";
    public static final long DEFAULT_MAX_STEPS = 1000;
    /** At most this many tags per run. */
    public static final int MAX_TAGS = 32;
    /** At most this many characters per tag. */
    public static final int MAX_TAG_LENGTH = 64;

    public TrainingConfig {
        tags = tags == null ? null : Collections.unmodifiableList(new ArrayList<>(tags));
        dataSources = dataSources == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(dataSources));
        corruption = corruption == null ? null : List.copyOf(corruption);
        List<String> problems = ConfigValidator.problems(new Builder().runId(runId).experimentId(experimentId)
                .tags(tags).workload(workload).seed(seed).maxSteps(maxSteps).numTrainEpochs(numTrainEpochs)
                .batchSize(batchSize).gradientAccumulationSteps(gradientAccumulationSteps).dropLast(dropLast)
                .batchSizeSchedule(batchSizeSchedule).dataSources(dataSources).optimizer(optimizer)
                .learningRate(learningRate).adamBeta1(adamBeta1).adamBeta2(adamBeta2).adamEpsilon(adamEpsilon)
                .momentum(momentum).weightDecay(weightDecay).maxGradNorm(maxGradNorm)
                .lrSchedulerType(lrSchedulerType).warmupSteps(warmupSteps).warmupRatio(warmupRatio)
                .loggingStrategy(loggingStrategy).loggingSteps(loggingSteps).evalStrategy(evalStrategy)
                .evalSteps(evalSteps).saveStrategy(saveStrategy).saveSteps(saveSteps).saveTotalLimit(saveTotalLimit)
                .sampleLossSteps(sampleLossSteps).corruption(corruption).energyWatts(energyWatts)
                .checkpointDir(checkpointDir));
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(runId, problems);
        }
    }

    public static Builder builder(String runId) {
        return new Builder().runId(runId);
    }

    public Builder toBuilder() {
        return new Builder().runId(runId).experimentId(experimentId).tags(tags).workload(workload).seed(seed)
                .maxSteps(maxSteps).numTrainEpochs(numTrainEpochs).batchSize(batchSize)
                .gradientAccumulationSteps(gradientAccumulationSteps).dropLast(dropLast)
                .batchSizeSchedule(batchSizeSchedule).dataSources(dataSources).optimizer(optimizer)
                .learningRate(learningRate).adamBeta1(adamBeta1).adamBeta2(adamBeta2).adamEpsilon(adamEpsilon)
                .momentum(momentum).weightDecay(weightDecay).maxGradNorm(maxGradNorm)
                .lrSchedulerType(lrSchedulerType).warmupSteps(warmupSteps).warmupRatio(warmupRatio)
                .loggingStrategy(loggingStrategy).loggingSteps(loggingSteps).evalStrategy(evalStrategy)
                .evalSteps(evalSteps).saveStrategy(saveStrategy).saveSteps(saveSteps).saveTotalLimit(saveTotalLimit)
                .sampleLossSteps(sampleLossSteps).corruption(corruption).energyWatts(energyWatts)
                .checkpointDir(checkpointDir);
    }

    /** The directory this run's checkpoints are written to. */
    public Path runCheckpointDir() {
        return checkpointDir.resolve(runId);
    }

    /** Samples per optimizer step at the first step: batch_size x gradient_accumulation_steps. */
    public int effectiveBatchSize() {
        return batchSize * gradientAccumulationSteps;
    }

    /** True when num_train_epochs, not max_steps, bounds the run. */
    public boolean boundedByEpochs() {
        return numTrainEpochs != null;
    }

    /** The step bound: max_steps, or {@value #DEFAULT_MAX_STEPS} when neither bound is set; 0 for epoch-bounded runs. */
    public long stepLimit() {
        return maxSteps != null ? maxSteps : numTrainEpochs == null ? DEFAULT_MAX_STEPS : 0;
    }

    /** The optimizer and its constants, for the workload. */
    public OptimizerSettings optimizerSettings() {
        return new OptimizerSettings(optimizer, adamBeta1, adamBeta2, adamEpsilon, momentum);
    }

    /** The whole configuration as JSON (snake_case keys), as RunStarted carries it. */
    public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
        return ConfigJson.write(this);
    }

    /** Collects settings; {@link #build()} validates them all at once. Defaults as documented on the record. */
    public static final class Builder {
        String runId = null;
        String experimentId = DEFAULT_EXPERIMENT;
        List<String> tags = List.of();
        String workload = DEFAULT_WORKLOAD;
        long seed = 42;
        Long maxSteps = null;
        Double numTrainEpochs = null;
        int batchSize = 32;
        int gradientAccumulationSteps = 1;
        boolean dropLast = false;
        JsonNode batchSizeSchedule = null;
        Map<String, Double> dataSources = Map.of();
        Optimizer optimizer = Optimizer.ADAM;
        double learningRate = 1e-3;
        double adamBeta1 = OptimizerSettings.DEFAULT_BETA1;
        double adamBeta2 = OptimizerSettings.DEFAULT_BETA2;
        double adamEpsilon = OptimizerSettings.DEFAULT_EPSILON;
        double momentum = OptimizerSettings.DEFAULT_MOMENTUM;
        double weightDecay = 0.0;
        double maxGradNorm = 1.0;
        LrSchedulerType lrSchedulerType = LrSchedulerType.CONSTANT;
        long warmupSteps = 0;
        double warmupRatio = 0.0;
        IntervalStrategy loggingStrategy = IntervalStrategy.STEPS;
        int loggingSteps = 10;
        IntervalStrategy evalStrategy = IntervalStrategy.STEPS;
        int evalSteps = 100;
        IntervalStrategy saveStrategy = IntervalStrategy.NO;
        int saveSteps = 500;
        int saveTotalLimit = 0;
        int sampleLossSteps = 0;
        List<CorruptionSpec> corruption = List.of();
        double energyWatts = 100.0;
        Path checkpointDir = Path.of("checkpoints");

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

        /** Replaces the tags (null elements and bad tags are reported by {@link #build()}). */
        public Builder tags(List<String> value) {
            this.tags = value == null ? null : new ArrayList<>(value);
            return this;
        }

        /** Appends one tag. */
        public Builder tag(String value) {
            List<String> more = tags == null ? new ArrayList<>() : new ArrayList<>(tags);
            more.add(value);
            this.tags = more;
            return this;
        }

        public Builder workload(String value) {
            this.workload = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder maxSteps(Long value) {
            this.maxSteps = value;
            return this;
        }

        /** max_steps as a primitive (so that {@code maxSteps(500)} reads naturally). */
        public Builder maxSteps(long value) {
            return maxSteps(Long.valueOf(value));
        }

        public Builder numTrainEpochs(double value) {
            return numTrainEpochs(Double.valueOf(value));
        }

        public Builder numTrainEpochs(Double value) {
            this.numTrainEpochs = value;
            return this;
        }

        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        public Builder gradientAccumulationSteps(int value) {
            this.gradientAccumulationSteps = value;
            return this;
        }

        public Builder dropLast(boolean value) {
            this.dropLast = value;
            return this;
        }

        public Builder batchSizeSchedule(JsonNode value) {
            this.batchSizeSchedule = value;
            return this;
        }

        public Builder dataSources(Map<String, Double> value) {
            this.dataSources = value;
            return this;
        }

        public Builder optimizer(Optimizer value) {
            this.optimizer = value;
            return this;
        }

        public Builder learningRate(double value) {
            this.learningRate = value;
            return this;
        }

        public Builder adamBeta1(double value) {
            this.adamBeta1 = value;
            return this;
        }

        public Builder adamBeta2(double value) {
            this.adamBeta2 = value;
            return this;
        }

        public Builder adamEpsilon(double value) {
            this.adamEpsilon = value;
            return this;
        }

        public Builder momentum(double value) {
            this.momentum = value;
            return this;
        }

        public Builder weightDecay(double value) {
            this.weightDecay = value;
            return this;
        }

        public Builder maxGradNorm(double value) {
            this.maxGradNorm = value;
            return this;
        }

        public Builder lrSchedulerType(LrSchedulerType value) {
            this.lrSchedulerType = value;
            return this;
        }

        public Builder warmupSteps(long value) {
            this.warmupSteps = value;
            return this;
        }

        public Builder warmupRatio(double value) {
            this.warmupRatio = value;
            return this;
        }

        public Builder loggingStrategy(IntervalStrategy value) {
            this.loggingStrategy = value;
            return this;
        }

        public Builder loggingSteps(int value) {
            this.loggingSteps = value;
            return this;
        }

        public Builder evalStrategy(IntervalStrategy value) {
            this.evalStrategy = value;
            return this;
        }

        public Builder evalSteps(int value) {
            this.evalSteps = value;
            return this;
        }

        public Builder saveStrategy(IntervalStrategy value) {
            this.saveStrategy = value;
            return this;
        }

        public Builder saveSteps(int value) {
            this.saveSteps = value;
            return this;
        }

        public Builder saveTotalLimit(int value) {
            this.saveTotalLimit = value;
            return this;
        }

        public Builder sampleLossSteps(int value) {
            this.sampleLossSteps = value;
            return this;
        }

        public Builder corruption(List<CorruptionSpec> value) {
            this.corruption = value;
            return this;
        }

        public Builder energyWatts(double value) {
            this.energyWatts = value;
            return this;
        }

        public Builder checkpointDir(Path value) {
            this.checkpointDir = value;
            return this;
        }

        /** Throws {@link InvalidConfigException} listing every invalid setting. */
        public TrainingConfig build() {
            return new TrainingConfig(runId, experimentId, tags, workload, seed, maxSteps, numTrainEpochs, batchSize, gradientAccumulationSteps, dropLast, batchSizeSchedule, dataSources, optimizer, learningRate, adamBeta1, adamBeta2, adamEpsilon, momentum, weightDecay, maxGradNorm, lrSchedulerType, warmupSteps, warmupRatio, loggingStrategy, loggingSteps, evalStrategy, evalSteps, saveStrategy, saveSteps, saveTotalLimit, sampleLossSteps, corruption, energyWatts, checkpointDir);
        }
    }
}
