package io.coxswain.agent.loop;

import io.coxswain.agent.config.LrSchedulerType;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.schedule.BatchSizeSchedule;
import io.coxswain.agent.schedule.LearningRateSchedule;
import io.coxswain.agent.workload.DataSource;
import java.util.List;

/**
 * How long a run goes and what rate each step uses, as pure functions of where the run is. A step-bounded run
 * (max_steps) measures its progress in steps; an epoch-bounded one (num_train_epochs) in samples consumed, so the
 * learning-rate schedule stays right however the batch size changes. The rate a step uses is the live base rate x
 * the schedule's factor at the progress before the step x the batch-size schedule's scaling (milestones with
 * scale_learning_rate). HF starts warmup at a factor of 0; a step never uses a rate below
 * {@value #MIN_RATE_FACTOR} x the base, so that no step is wasted.
 */
final class RunPlan {
    static final double MIN_RATE_FACTOR = 1e-3;

    private final TrainingConfig config;
    private final int trainSize;
    private final LearningRateSchedule lrSchedule;
    private final BatchSizeSchedule batchSchedule;

    RunPlan(TrainingConfig config, List<DataSource> sources, BatchSizeSchedule batchSchedule) {
        this.config = config;
        this.trainSize = sources.stream().mapToInt(DataSource::trainSize).sum();
        this.batchSchedule = batchSchedule;
        this.lrSchedule = new LearningRateSchedule(type(config.lrSchedulerType()), warmupFraction());
    }

    private static LearningRateSchedule.Type type(LrSchedulerType type) {
        return switch (type) {
            case CONSTANT -> LearningRateSchedule.Type.CONSTANT;
            case LINEAR -> LearningRateSchedule.Type.LINEAR;
            case COSINE -> LearningRateSchedule.Type.COSINE;
        };
    }

    /** warmup_ratio as is; warmup_steps over the step bound, or over the samples at the first effective batch size. */
    private double warmupFraction() {
        if (config.warmupRatio() > 0) {
            return config.warmupRatio();
        }
        if (config.warmupSteps() == 0) {
            return 0;
        }
        if (!config.boundedByEpochs()) {
            return (double) config.warmupSteps() / config.stepLimit();
        }
        return Math.min(0.999, (double) config.warmupSteps() * config.effectiveBatchSize() / totalSamples());
    }

    int trainSize() {
        return trainSize;
    }

    BatchSizeSchedule batchSchedule() {
        return batchSchedule;
    }

    /** Samples an epoch-bounded run consumes in all. */
    double totalSamples() {
        return config.numTrainEpochs() * trainSize;
    }

    /** Fraction of the run done after {@code steps} steps and {@code consumed} samples (trained or dropped). */
    double progress(long steps, long consumed) {
        return config.boundedByEpochs() ? consumed / totalSamples() : (double) steps / config.stepLimit();
    }

    boolean done(long steps, long consumed) {
        return config.boundedByEpochs() ? consumed >= totalSamples() : steps >= config.stepLimit();
    }

    /**
     * The rate the step after {@code steps} steps uses.
     *
     * @param batchSize the micro-batch size that step uses: when the batch-size schedule drives it but its value was
     *                  refused (the previous size kept), the schedule's rate scaling follows the size kept
     */
    double learningRate(double base, long steps, long consumed, boolean scheduleDrivesBatch, int batchSize) {
        double factor = Math.max(MIN_RATE_FACTOR, lrSchedule.factor(progress(steps, consumed)));
        double scale = 1.0;
        if (scheduleDrivesBatch) {
            int scheduled = batchSchedule.sizeAt(steps);
            scale = batchSchedule.learningRateScale(steps);
            if (scheduled != batchSize) {
                scale = scale * batchSize / scheduled;
            }
        }
        return base * factor * scale;
    }

    /**
     * Planned optimizer steps: max_steps, or for an epoch-bounded run the steps its batch-size schedule needs to
     * consume the planned samples, cut at epoch ends as the sampler cuts them (with drop_last, an epoch's remainder
     * smaller than the next batch is dropped; a schedule value larger than the data keeps the previous size, as the
     * run does). Live changes can alter it.
     */
    long plannedSteps() {
        if (!config.boundedByEpochs()) {
            return config.stepLimit();
        }
        int accumulation = config.gradientAccumulationSteps();
        long steps = 0;
        long consumed = 0;
        long inEpoch = 0;
        long size = (long) batchSchedule.sizeAt(0) * accumulation;
        while (consumed < totalSamples() && steps < 100_000_000L) {
            long take = Math.min(size, trainSize - inEpoch);
            inEpoch += take;
            consumed += take;
            steps++;
            size = stepSize(steps, size);
            if (inEpoch == trainSize || config.dropLast() && trainSize - inEpoch < size) {
                consumed += trainSize - inEpoch;
                inEpoch = 0;
            }
        }
        return steps;
    }

    /** The samples of the step after {@code steps} steps by the schedule, or {@code previous} where it is refused. */
    private long stepSize(long steps, long previous) {
        long scheduled = (long) batchSchedule.sizeAt(steps) * config.gradientAccumulationSteps();
        return scheduled >= 1 && scheduled <= trainSize ? scheduled : previous;
    }
}
