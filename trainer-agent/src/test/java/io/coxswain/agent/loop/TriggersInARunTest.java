package io.coxswain.agent.loop;

import static io.coxswain.agent.control.TestCommands.ALICE;
import static io.coxswain.agent.control.TestCommands.command;
import static io.coxswain.agent.control.TestCommands.set;
import static io.coxswain.agent.control.TestCommands.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.checkpoint.AgentCheckpoint;
import io.coxswain.agent.checkpoint.CheckpointStore;
import io.coxswain.agent.checkpoint.SavedCheckpoint;
import io.coxswain.agent.data.SamplerState;
import io.coxswain.agent.data.SourcePosition;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunPaused;
import io.coxswain.protocol.events.RunResumed;
import io.coxswain.protocol.events.StateLogged;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import io.coxswain.agent.config.IntervalStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriggersInARunTest {
    private static final int N = 8000;

    @TempDir
    Path checkpoints;

    @Test
    void aPausedRunTakesNoStepButAnswersCommandsAndStepsAgainWhenResumed() {
        AgentRun run = new AgentRun()
                .afterStep(3, command("c-pause", trigger("pause")))
                .after(RunPaused.class, command("c-wd", set("weight_decay", 0.01)),
                        command("c-pause-again", trigger("pause")))
                .after(CommandIgnored.class, command("c-resume", trigger("resume")));

        RunOutcome outcome = run.run(AgentRun.config(checkpoints).maxSteps(5).build());

        List<RunEvent> whilePaused = run.eventsAfterStep(3);
        double pausedSeconds = ((RunResumed) whilePaused.get(5)).pausedSeconds();
        assertThat(whilePaused).containsExactly(
                new TriggerFired("c-pause", "pause", ALICE),
                new RunPaused("c-pause", "user alice (command c-pause)"),
                new ParameterChanged("c-wd", "weight_decay", DoubleNode.valueOf(0.0), DoubleNode.valueOf(0.01),
                        ALICE),
                new CommandIgnored("c-pause-again", CommandIgnored.NO_OP),
                new TriggerFired("c-resume", "resume", ALICE),
                new RunResumed("c-resume", pausedSeconds, "user alice (command c-resume)"),
                run.steps().get(3));
        // two polls of the paused loop (20 ms each) separate the pause from the resume
        assertThat(pausedSeconds).isGreaterThanOrEqualTo(0.04);
        assertThat(run.steps()).hasSize(5);
        assertThat(outcome.completed()).isTrue();
    }

    @Test
    void aStopWhilePausedEndsTheRunWithoutAnotherStep() {
        AgentRun run = new AgentRun()
                .afterStep(2, command("c-pause", trigger("pause")))
                .after(RunPaused.class, command("c-stop", trigger("stop")));

        RunOutcome outcome = run.run(AgentRun.config(checkpoints).maxSteps(50).build());

        Path finalCheckpoint = checkpoints.resolve("r-1/final-step-000002").toAbsolutePath();
        assertThat(run.eventsAfterStep(2)).containsExactly(
                new TriggerFired("c-pause", "pause", ALICE),
                new RunPaused("c-pause", "user alice (command c-pause)"),
                new TriggerFired("c-stop", "stop", ALICE),
                new CheckpointSaved(finalCheckpoint.toString(), Dirs.bytes(finalCheckpoint), true),
                new RunFinished(RunFinished.STOPPED, "user alice (command c-stop)"));
        assertThat(run.steps()).hasSize(2);
        assertThat(outcome.stopped()).isTrue();
        assertThat(outcome.stepsDone()).isEqualTo(2);
    }

    @Test
    void logPublishesTheLiveValuesStepAndSamplerPositionAsTheNextStepWillSeeThem() {
        AgentRun run = new AgentRun().afterStep(4, command("c-lr", set("learning_rate", 0.002)),
                command("c-log", trigger("log")));

        run.run(AgentRun.config(checkpoints).maxSteps(5).build());

        List<StepCompleted> steps = run.steps();
        ObjectNode expected = Json.mapper().createObjectNode();
        expected.put("step", 4L);
        expected.put("plannedSteps", 5L);
        expected.put("paused", false);
        ObjectNode parameters = expected.putObject("parameters");
        parameters.set("learning_rate", DoubleNode.valueOf(0.002));
        parameters.set("batch_size", IntNode.valueOf(32));
        parameters.set("weight_decay", DoubleNode.valueOf(0.0));
        parameters.set("max_grad_norm", DoubleNode.valueOf(1.0));
        parameters.set("logging_steps", IntNode.valueOf(1));
        parameters.set("eval_steps", IntNode.valueOf(100));
        parameters.set("save_steps", IntNode.valueOf(500));
        parameters.set("sample_loss_steps", IntNode.valueOf(0));
        expected.put("learningRateInEffect", 0.002);
        expected.put("batchSize", 32);
        expected.put("batchSizeFrom", "schedule");
        expected.set("sampler", Json.mapper().valueToTree(
                new SamplerState(0, 128, List.of(new SourcePosition("blobs", 0, 128)), 128, 0)));
        expected.put("lastLoss", steps.get(3).loss());
        expected.put("medianStepSeconds", median(steps.subList(0, 4)));
        expected.put("commandsAnswered", 2);
        expected.put("lastCommandOffset", 1L);
        assertThat(run.eventsAfterStep(4)).containsExactly(
                new ParameterChanged("c-lr", "learning_rate", DoubleNode.valueOf(0.001), DoubleNode.valueOf(0.002),
                        ALICE),
                new TriggerFired("c-log", "log", ALICE),
                new StateLogged("c-log", expected),
                steps.get(4));
        assertThat(steps.get(4).learningRate()).isEqualTo(0.002);
    }

    @Test
    void epochStopSkipsTheRestOfTheEpochAndCountsItAsDropped() {
        AgentRun run = new AgentRun().afterStep(3, command("c-es", trigger("epoch_stop")));

        run.run(AgentRun.config(checkpoints).maxSteps(5).build());

        assertThat(run.eventsAfterStep(3)).containsExactly(new TriggerFired("c-es", "epoch_stop", ALICE),
                run.steps().get(3));
        long dropped = N - 96;
        assertThat(run.steps()).extracting(StepCompleted::epoch, StepCompleted::trainCoverage,
                        StepCompleted::samplesSeen, StepCompleted::samplesDropped, StepCompleted::epochEnd)
                .containsExactly(
                        tuple(32.0 / N, 32.0 / N, 32L, 0L, false),
                        tuple(64.0 / N, 64.0 / N, 64L, 0L, false),
                        tuple(96.0 / N, 96.0 / N, 96L, 0L, false),
                        tuple((double) (128 + dropped) / N, 32.0 / N, 128L, dropped, false),
                        tuple((double) (160 + dropped) / N, 64.0 / N, 160L, dropped, false));
    }

    @Test
    void epochStopDoesTheEpochEndWorkOfTheEpochStrategiesAsHfDoes() {
        AgentRun run = new AgentRun().afterStep(3, command("c-es", trigger("epoch_stop")));

        run.run(AgentRun.config(checkpoints).maxSteps(5).evalStrategy(IntervalStrategy.EPOCH)
                .saveStrategy(IntervalStrategy.EPOCH).build());

        List<RunEvent> after = run.eventsAfterStep(3);
        assertThat(after).hasSize(4);
        assertThat(after.get(0)).isEqualTo(new TriggerFired("c-es", "epoch_stop", ALICE));
        assertThat(after.get(1)).isInstanceOf(EvalCompleted.class);
        assertThat(after.get(2)).isInstanceOfSatisfying(CheckpointSaved.class,
                saved -> assertThat(saved.path()).endsWith("step-000003"));
        assertThat(after.get(3)).isEqualTo(run.steps().get(3));
    }

    @Test
    void twoTriggerCommandsBetweenTheSameStepsAreEachAnsweredAndEachCarriedOut() {
        AgentRun run = new AgentRun().afterStep(2, command("c-1", trigger("evaluate")),
                command("c-2", trigger("evaluate")), command("c-1", trigger("evaluate")));

        run.run(AgentRun.config(checkpoints).maxSteps(3).build());

        List<RunEvent> between = run.eventsAfterStep(2);
        EvalCompleted first = (EvalCompleted) between.get(1);
        assertThat(first.metrics()).containsOnlyKeys("eval_loss", "eval_accuracy");
        assertThat(between).containsExactly(
                new TriggerFired("c-1", "evaluate", ALICE),
                first,
                new TriggerFired("c-2", "evaluate", ALICE),
                new EvalCompleted(first.metrics()),
                new CommandIgnored("c-1", CommandIgnored.DUPLICATE),
                run.steps().get(2));
    }

    @Test
    void twoCheckpointCommandsBetweenTheSameStepsEachWriteTheCheckpointAndTheLastOneStays() {
        AgentRun run = new AgentRun().afterStep(2, command("c-1", trigger("checkpoint")),
                command("c-2", trigger("checkpoint")));

        run.run(AgentRun.config(checkpoints).maxSteps(3).build());

        Path dir = checkpoints.resolve("r-1/step-000002").toAbsolutePath();
        List<RunEvent> between = run.eventsAfterStep(2);
        long firstBytes = ((CheckpointSaved) between.get(1)).bytes();
        assertThat(firstBytes).isPositive();
        assertThat(between).containsExactly(
                new TriggerFired("c-1", "checkpoint", ALICE),
                new CheckpointSaved(dir.toString(), firstBytes, false),
                new TriggerFired("c-2", "checkpoint", ALICE),
                new CheckpointSaved(dir.toString(), Dirs.bytes(dir), false),
                run.steps().get(2));
        CheckpointStore store = new CheckpointStore(checkpoints.resolve("r-1"));
        SavedCheckpoint kept = store.list().get(0);
        assertThat(store.readState(kept).seenCommandIds()).containsExactlyInAnyOrder("c-1", "c-2");
    }

    @Test
    void aCheckpointFiredTogetherWithEpochStopRecordsTheEpochAsStoppedSinceTheCommandCountsAsApplied() {
        AgentRun run = new AgentRun().afterStep(3, command("c-1", trigger("checkpoint"), trigger("epoch_stop")));

        run.run(AgentRun.config(checkpoints).maxSteps(4).build());

        Path dir = checkpoints.resolve("r-1/step-000003").toAbsolutePath();
        assertThat(run.eventsAfterStep(3)).containsExactly(
                new TriggerFired("c-1", "checkpoint", ALICE),
                new TriggerFired("c-1", "epoch_stop", ALICE),
                new CheckpointSaved(dir.toString(), Dirs.bytes(dir), false),
                run.steps().get(3));
        CheckpointStore store = new CheckpointStore(checkpoints.resolve("r-1"));
        AgentCheckpoint state = store.readState(store.list().get(0));
        // a run resumed from it will not see c-1 again: the checkpoint must hold the epoch already stopped
        assertThat(state.seenCommandIds()).containsExactly("c-1");
        assertThat(Json.mapper().convertValue(state.sampler(), SamplerState.class)).isEqualTo(
                new SamplerState(1, 0, List.of(new SourcePosition("blobs", 1, 0)), 96, N - 96));
    }

    /** The median step time as the agent keeps it (floats). */
    static double median(List<StepCompleted> steps) {
        float[] sorted = new float[steps.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = (float) steps.get(i).stepSeconds();
        }
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + (double) sorted[mid]) / 2;
    }
}
