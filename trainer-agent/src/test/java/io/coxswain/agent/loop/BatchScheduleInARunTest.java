package io.coxswain.agent.loop;

import static io.coxswain.agent.control.TestCommands.ALICE;
import static io.coxswain.agent.control.TestCommands.command;
import static io.coxswain.agent.control.TestCommands.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.config.InvalidConfigException;
import io.coxswain.agent.config.LrSchedulerType;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.ScheduleRejected;
import io.coxswain.protocol.events.StepCompleted;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchScheduleInARunTest {
    @TempDir
    Path checkpoints;

    private static JsonNode schedule(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @Test
    void milestonesDoubleTheBatchAtEachMilestoneAndScaleTheRateWithIt() {
        AgentRun run = new AgentRun();

        run.run(AgentRun.config(checkpoints).maxSteps(8).batchSizeSchedule(schedule(
                "{\"type\":\"milestones\",\"start\":32,\"milestones\":[3,6],\"scale_learning_rate\":true}")).build());

        assertThat(run.steps()).extracting(StepCompleted::batchSize)
                .containsExactly(32, 32, 32, 64, 64, 64, 128, 128);
        assertThat(run.steps()).extracting(StepCompleted::learningRate)
                .containsExactly(0.001, 0.001, 0.001, 0.002, 0.002, 0.002, 0.004, 0.004);
        assertThat(run.sink.eventsOf(ScheduleRejected.class)).isEmpty();
    }

    @Test
    void aScheduleValueBeyondTheDataIsRefusedOnceAndThePreviousSizeIsKept() {
        AgentRun run = new AgentRun();

        // 32, 4024, then 8016 and 12008: more than the 8000 samples
        run.run(AgentRun.config(checkpoints).maxSteps(4).batchSizeSchedule(schedule(
                "{\"type\":\"linear\",\"start\":32,\"end\":16000,\"steps\":4}")).build());

        // step 3 keeps 4024 but gets the epoch's last 3944 samples only (no drop_last); step 4 has 4024 again
        assertThat(run.steps()).extracting(StepCompleted::batchSize).containsExactly(32, 4024, 3944, 4024);
        assertThat(run.eventsAfterStep(2)).containsExactly(
                new ScheduleRejected("batch_size", IntNode.valueOf(8016), IntNode.valueOf(4024),
                        "batch_size: the schedule's value 8016 at step 3 is not a usable size (must be >= 1 and"
                                + " <= 8000 so that 1 micro-batches fit in the training data); keeping 4024 until"
                                + " the schedule gives a usable size again"),
                run.steps().get(2));
        assertThat(run.sink.eventsOf(ScheduleRejected.class)).hasSize(1);
    }

    @Test
    void aRefusedMilestoneKeepsTheRateScaledForTheSizeKept() {
        AgentRun run = new AgentRun();

        // 1000, then 4000, then 16000 (refused: 4000 is kept, and so is the rate for 4000)
        run.run(AgentRun.config(checkpoints).maxSteps(4).batchSize(1000).batchSizeSchedule(schedule(
                "{\"type\":\"milestones\",\"start\":1000,\"milestones\":[1,2],\"factor\":4,"
                        + "\"scale_learning_rate\":true}")).build());

        // step 3 is the epoch's short last batch (3000 of the 4000 kept)
        assertThat(run.steps()).extracting(StepCompleted::batchSize).containsExactly(1000, 4000, 3000, 4000);
        assertThat(run.steps()).extracting(StepCompleted::learningRate).containsExactly(0.001, 0.004, 0.004, 0.004);
        assertThat(run.sink.eventsOf(ScheduleRejected.class)).hasSize(1);
    }

    @Test
    void aScheduleStartingBeyondTheDataIsRefusedWhenTheConfigurationIsBuilt() {
        assertThatThrownBy(() -> AgentRun.config(checkpoints).batchSize(9000)
                .batchSizeSchedule(schedule("{\"type\":\"linear\",\"start\":9000,\"end\":100,\"steps\":10}")).build())
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "the effective batch size (batch_size 9000 x gradient_accumulation_steps 1 = 9000) must be"
                                + " <= 8000 (the mlp-blobs training data)"));
    }

    @Test
    void anEpochBoundedRunEndsWhenItsSamplesAreConsumedAndItsRateScheduleFollowsSamplesAcrossABatchChange() {
        AgentRun run = new AgentRun().afterStep(3, command("c-1", set("batch_size", 2000)));

        RunOutcome outcome = run.run(AgentRun.config(checkpoints).maxSteps(null).numTrainEpochs(1.5).batchSize(1000)
                .lrSchedulerType(LrSchedulerType.LINEAR).build());

        assertThat(run.eventsAfterStep(3)).containsExactly(
                new ParameterChanged("c-1", "batch_size", IntNode.valueOf(1000), IntNode.valueOf(2000), ALICE),
                run.steps().get(3));
        // the epoch's last 1000 samples make a short batch; 1.5 epochs are 12000 samples
        assertThat(run.steps()).extracting(StepCompleted::batchSize)
                .containsExactly(1000, 1000, 1000, 2000, 2000, 1000, 2000, 2000);
        List<StepCompleted> steps = run.steps();
        List<Double> expectedRates = new ArrayList<>();
        long consumedBefore = 0;
        for (StepCompleted step : steps) {
            expectedRates.add(0.001 * (1.0 - consumedBefore / 12000.0) * 1.0);
            consumedBefore = step.samplesSeen() + step.samplesDropped();
        }
        assertThat(consumedBefore).isEqualTo(12000);
        assertThat(steps).extracting(StepCompleted::learningRate).containsExactlyElementsOf(expectedRates);
        // the last step starts 10000 samples in: its factor is 1/6 of the base, as a step count could not tell
        assertThat(steps.get(steps.size() - 1).learningRate()).isEqualTo(0.001 * (1.0 - 10000 / 12000.0));
        assertThat(steps.get(7).epoch()).isEqualTo(1.5);
        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.stepsDone()).isEqualTo(8);
    }
}
