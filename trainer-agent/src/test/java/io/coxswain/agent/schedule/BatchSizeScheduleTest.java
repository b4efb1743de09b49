package io.coxswain.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSizeScheduleTest {

    @Test
    void keepsAConstantSize() {
        BatchSizeSchedule schedule = new BatchSizeSchedule.Constant(32);

        assertThat(List.of(schedule.sizeAt(0), schedule.sizeAt(1_000_000))).containsExactly(32, 32);
        assertThat(schedule.learningRateScale(500)).isEqualTo(1.0);
    }

    @Test
    void growsByTheIncrementEveryNStepsUpToTheCap() {
        BatchSizeSchedule schedule = new BatchSizeSchedule.Stepwise(32, 100, 16, 80);

        assertThat(List.of(schedule.sizeAt(0), schedule.sizeAt(99), schedule.sizeAt(100), schedule.sizeAt(250),
                schedule.sizeAt(300), schedule.sizeAt(Long.MAX_VALUE))).containsExactly(32, 32, 48, 64, 80, 80);
    }

    @Test
    void rampsLinearlyWithRoundingAndStaysAtTheEnd() {
        BatchSizeSchedule schedule = new BatchSizeSchedule.Linear(32, 256, 1000);

        assertThat(List.of(schedule.sizeAt(0), schedule.sizeAt(1), schedule.sizeAt(2), schedule.sizeAt(500),
                schedule.sizeAt(999), schedule.sizeAt(1000), schedule.sizeAt(5000)))
                .containsExactly(32, 32, 32, 144, 256, 256, 256);
    }

    @Test
    void rampsDownWhenTheEndIsBelowTheStart() {
        BatchSizeSchedule schedule = new BatchSizeSchedule.Linear(100, 10, 9);

        assertThat(List.of(schedule.sizeAt(0), schedule.sizeAt(3), schedule.sizeAt(9))).containsExactly(100, 70, 10);
    }

    @Test
    void multipliesTheSizeAtEachMilestoneAndScalesTheLearningRateWithIt() {
        BatchSizeSchedule schedule = new BatchSizeSchedule.Milestones(32, List.of(100L, 300L), 2, true);

        assertThat(List.of(schedule.sizeAt(0), schedule.sizeAt(99), schedule.sizeAt(100), schedule.sizeAt(299),
                schedule.sizeAt(300))).containsExactly(32, 32, 64, 64, 128);
        assertThat(List.of(schedule.learningRateScale(0), schedule.learningRateScale(100),
                schedule.learningRateScale(300))).containsExactly(1.0, 2.0, 4.0);
    }

    @Test
    void leavesTheLearningRateAloneWhenMilestonesDoNotScaleIt() {
        BatchSizeSchedule schedule = new BatchSizeSchedule.Milestones(32, List.of(100L), 3, false);

        assertThat(schedule.sizeAt(100)).isEqualTo(96);
        assertThat(schedule.learningRateScale(100)).isEqualTo(1.0);
    }

    @Test
    void saturatesAtTheLargestIntInsteadOfOverflowing() {
        BatchSizeSchedule milestones = new BatchSizeSchedule.Milestones(1 << 30,
                List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), 1000, false);
        BatchSizeSchedule stepwise = new BatchSizeSchedule.Stepwise(2, 1, Integer.MAX_VALUE, Integer.MAX_VALUE);

        assertThat(milestones.sizeAt(10)).isEqualTo(Integer.MAX_VALUE);
        assertThat(stepwise.sizeAt(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
        assertThat(stepwise.sizeAt(1)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void rejectsANegativeStep() {
        assertThatThrownBy(() -> new BatchSizeSchedule.Constant(8).sizeAt(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -1");
    }

    @Test
    void rejectsInvalidSchedulesBuiltInCodeWithEveryProblem() {
        assertThatThrownBy(() -> new BatchSizeSchedule.Stepwise(0, 0, 16, 512))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("start must be >= 1, got 0; every must be >= 1, got 0");
        assertThatThrownBy(() -> new BatchSizeSchedule.Milestones(32, List.of(300L, 100L), 2, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("milestones[1] must be greater than the milestone before it (300), got 100");
    }
}
