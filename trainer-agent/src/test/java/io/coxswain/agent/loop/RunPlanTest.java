package io.coxswain.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coxswain.agent.config.LrSchedulerType;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.schedule.BatchSizeSchedule;
import io.coxswain.agent.workload.DataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RunPlanTest {
    private static final List<DataSource> BLOBS = List.of(new DataSource("blobs", 8000));

    private static TrainingConfig.Builder config() {
        return TrainingConfig.builder("r-1").checkpointDir(Path.of("unused")).lrSchedulerType(LrSchedulerType.LINEAR);
    }

    private static RunPlan plan(TrainingConfig config) {
        return new RunPlan(config, BLOBS, RunDefaults.batchSchedule(config));
    }

    @Test
    void aStepBoundedRunMeasuresItsProgressInStepsWhateverItsSamples() {
        RunPlan plan = plan(config().maxSteps(10).build());

        assertThat(plan.progress(4, 123_456)).isEqualTo(0.4);
        assertThat(plan.done(9, 1_000_000)).isFalse();
        assertThat(plan.done(10, 0)).isTrue();
        assertThat(plan.learningRate(0.1, 4, 123_456, true, 32)).isEqualTo(0.1 * (1.0 - 0.4));
        assertThat(plan.plannedSteps()).isEqualTo(10);
    }

    @Test
    void anEpochBoundedRunMeasuresItsProgressInSamplesWhateverItsSteps() {
        RunPlan plan = plan(config().numTrainEpochs(0.5).build());

        assertThat(plan.totalSamples()).isEqualTo(4000.0);
        assertThat(plan.progress(1_000, 1000)).isEqualTo(0.25);
        assertThat(plan.done(1_000_000, 3999)).isFalse();
        assertThat(plan.done(1, 4000)).isTrue();
        assertThat(plan.learningRate(0.1, 1, 1000, true, 32)).isEqualTo(0.1 * 0.75);
    }

    @Test
    void warmupStepsRiseLinearlyFromTheMinimumFactorThenTheScheduleDecays() {
        RunPlan plan = plan(config().maxSteps(10).warmupSteps(2).build());

        // warmup over 2 of 10 steps, then linear decay over the other 8
        assertThat(LongStream.rangeClosed(0, 9).mapToDouble(s -> plan.learningRate(1.0, s, 0, true, 32)).toArray())
                .containsExactly(new double[] {RunPlan.MIN_RATE_FACTOR, 0.5, 1.0, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25,
                        0.125}, within(1e-12));
    }

    @Test
    void warmupStepsOfAnEpochBoundedRunAreCountedInSamplesAtTheFirstBatchSize() {
        RunPlan plan = plan(config().numTrainEpochs(1.0).batchSize(100).warmupSteps(5).build());

        // 5 steps of 100 samples warm up: half of that is 250 samples in, whatever the steps
        assertThat(plan.learningRate(1.0, 99, 250, true, 100)).isCloseTo(0.5, within(1e-12));
        assertThat(plan.learningRate(1.0, 0, 500, true, 100)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void neverUsesARateBelowTheMinimumFactorOfTheBase() {
        RunPlan plan = plan(config().maxSteps(10).lrSchedulerType(LrSchedulerType.COSINE).build());

        assertThat(plan.learningRate(0.5, 10, 0, true, 32)).isEqualTo(0.5 * RunPlan.MIN_RATE_FACTOR);
        assertThat(plan.learningRate(0.5, 0, 0, true, 32)).isEqualTo(0.5);
    }

    @Test
    void theMilestoneRateScalingFollowsTheSizeUsedAndStopsOnceACommandDrivesTheSize() {
        TrainingConfig config = config().maxSteps(10).lrSchedulerType(LrSchedulerType.CONSTANT).build();
        RunPlan plan = new RunPlan(config, BLOBS, new BatchSizeSchedule.Milestones(1000, List.of(1L, 2L), 4, true));

        assertThat(plan.learningRate(0.001, 1, 0, true, 4000)).isEqualTo(0.004);
        assertThat(plan.learningRate(0.001, 2, 0, true, 4000)).isEqualTo(0.004); // 16000 refused, 4000 kept
        assertThat(plan.learningRate(0.001, 2, 0, false, 64)).isEqualTo(0.001);
    }

    @Test
    void plannedStepsOfAnEpochBoundedRunCutBatchesAtEpochEnds() {
        // 3000, 3000, 2000 | 3000, 3000 (12000 samples reached)
        assertThat(plan(config().numTrainEpochs(1.5).batchSize(3000).build()).plannedSteps()).isEqualTo(5);
    }

    @Test
    void plannedStepsWithDropLastCountTwoFullBatchesAnEpoch() {
        // 3000, 3000 (2000 dropped) | 3000, 3000 (2000 dropped)
        assertThat(plan(config().numTrainEpochs(2.0).batchSize(3000).dropLast(true).build()).plannedSteps())
                .isEqualTo(4);
    }

    @Test
    void plannedStepsFollowTheBatchSizeScheduleAndItsRefusedValues() {
        TrainingConfig config = config().numTrainEpochs(1.0).batchSize(1000).build();
        RunPlan plan = new RunPlan(config, BLOBS, new BatchSizeSchedule.Milestones(1000, List.of(1L, 2L), 4, true));

        // 1000, 4000, then 16000 is refused and 4000 kept: the epoch's last 3000 end it
        assertThat(plan.plannedSteps()).isEqualTo(3);
    }
}
