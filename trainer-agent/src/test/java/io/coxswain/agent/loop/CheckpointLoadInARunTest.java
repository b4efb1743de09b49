package io.coxswain.agent.loop;

import static io.coxswain.agent.control.TestCommands.ALICE;
import static io.coxswain.agent.control.TestCommands.command;
import static io.coxswain.agent.control.TestCommands.load;
import static io.coxswain.agent.control.TestCommands.set;
import static io.coxswain.agent.control.TestCommands.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.checkpoint.AgentCheckpoint;
import io.coxswain.agent.checkpoint.CheckpointStore;
import io.coxswain.agent.config.IntervalStrategy;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.InMemoryCommandFeed;
import io.coxswain.agent.events.DiscardingEventSink;
import io.coxswain.agent.workload.Optimizer;
import io.coxswain.protocol.events.CheckpointLoaded;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * load_checkpoint in real runs: run r-1 (seed 42) loads the checkpoint of a leader run r-a (seed 7) trained first,
 * as population-based training's exploit step does.
 */
class CheckpointLoadInARunTest {
    @TempDir
    Path leaderCheckpoints;

    @TempDir
    Path checkpoints;

    /** Trains the leader r-a for {@code steps} steps and returns the absolute path of its final checkpoint. */
    private Path leaderCheckpoint(TrainingConfig.Builder leader, long steps) {
        TrainingConfig config = leader.runId("r-a").seed(7).maxSteps(steps).evalStrategy(IntervalStrategy.NO)
                .checkpointDir(leaderCheckpoints).build();
        try (TrainerAgent agent = new TrainerAgent(config, new DiscardingEventSink(), new InMemoryCommandFeed("r-a"))) {
            assertThat(agent.run().completed()).isTrue();
        }
        return leaderCheckpoints.resolve(String.format("r-a/final-step-%06d", steps)).toAbsolutePath();
    }

    private static MultiLayerNetwork model(Path checkpoint) throws IOException {
        return ModelSerializer.restoreMultiLayerNetwork(checkpoint.resolve("model.zip").toFile(), true);
    }

    private static float[] params(MultiLayerNetwork network) {
        return network.params().dup().data().asFloat();
    }

    private static float[] optimizerState(MultiLayerNetwork network) {
        return network.getUpdater().getStateViewArray().dup().data().asFloat();
    }

    @Test
    void loadsTheLeadersModelAndOptimizerStateKeepingItsOwnStepAndDataAndThenAppliesTheSet() throws IOException {
        Path leader = leaderCheckpoint(TrainingConfig.builder("r-a"), 5);
        AgentRun run = new AgentRun().afterStep(3, command("c-exploit", load(leader.toString(), "r-a"),
                set("learning_rate", 0.002), trigger("checkpoint")));

        RunOutcome outcome = run.run(AgentRun.config(checkpoints).maxSteps(6).build());

        Path saved = checkpoints.resolve("r-1/step-000003").toAbsolutePath();
        assertThat(run.eventsAfterStep(3)).containsExactly(
                new CheckpointLoaded("c-exploit", leader.toString(), "r-a", 5, ALICE),
                new ParameterChanged("c-exploit", "learning_rate", DoubleNode.valueOf(0.001),
                        DoubleNode.valueOf(0.002), ALICE),
                new TriggerFired("c-exploit", "checkpoint", ALICE),
                new CheckpointSaved(saved.toString(), Dirs.bytes(saved), false),
                run.steps().get(3));
        assertThat(params(model(saved))).isEqualTo(params(model(leader)));
        assertThat(optimizerState(model(saved))).isEqualTo(optimizerState(model(leader)));
        AgentCheckpoint state = CheckpointStore.readState(saved);
        assertThat(state.step()).isEqualTo(3);
        assertThat(state.sampler().get("samplesSeen").asLong()).isEqualTo(96);
        assertThat(run.steps()).extracting(StepCompleted::samplesSeen)
                .containsExactly(32L, 64L, 96L, 128L, 160L, 192L);
        assertThat(run.steps()).extracting(StepCompleted::learningRate)
                .containsExactly(0.001, 0.001, 0.001, 0.002, 0.002, 0.002);
        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.stepsDone()).isEqualTo(6);
    }

    @Test
    void rejectsTheWholeCommandWhenThePathIsMissingOrNotACheckpointAndKeepsTraining() {
        Path missing = leaderCheckpoints.resolve("r-a/step-000099").toAbsolutePath();
        Path notACheckpoint = leaderCheckpoints.toAbsolutePath();
        AgentRun run = new AgentRun().afterStep(2,
                command("c-missing", load(missing.toString(), "r-a"), set("learning_rate", 0.002)),
                command("c-dir", load(notACheckpoint.toString(), null), set("learning_rate", 0.003)));

        RunOutcome outcome = run.run(AgentRun.config(checkpoints).maxSteps(4).build());

        assertThat(run.eventsAfterStep(2)).containsExactly(
                new CommandRejected("c-missing", "cannot load checkpoint '" + missing + "': no such directory on"
                        + " this machine (checkpoint paths are local paths)", ALICE),
                new CommandRejected("c-dir", "cannot load checkpoint '" + notACheckpoint + "': it is not a"
                        + " checkpoint: it holds no agent-state.json (name a step-NNNNNN or final-step-NNNNNN"
                        + " directory)", ALICE),
                run.steps().get(2));
        assertThat(run.steps()).extracting(StepCompleted::learningRate).containsOnly(0.001);
        assertThat(outcome.completed()).isTrue();
    }

    @Test
    void rejectsACheckpointOfAnotherWorkloadOrOptimizerAndAppliesNothingOfTheCommand() throws IOException {
        Path cnn = leaderCheckpoint(TrainingConfig.builder("r-a").workload("cnn-shapes"), 1);
        Path sgd = leaderCheckpoint(TrainingConfig.builder("r-a").optimizer(Optimizer.SGD), 2);
        AgentRun run = new AgentRun().afterStep(2,
                command("c-cnn", load(cnn.toString(), "r-a"), set("learning_rate", 0.002), trigger("checkpoint")),
                command("c-sgd", load(sgd.toString(), "r-a"), set("learning_rate", 0.003)));
        AgentRun untouched = new AgentRun();
        TrainingConfig config = AgentRun.config(checkpoints).maxSteps(4).build();

        run.run(config);
        untouched.run(config);

        assertThat(run.eventsAfterStep(2)).containsExactly(
                new CommandRejected("c-cnn", "cannot load checkpoint '" + cnn + "': it was saved by a run of workload"
                        + " cnn-shapes, this run trains mlp-blobs", ALICE),
                new CommandRejected("c-sgd", "cannot load checkpoint '" + sgd + "': its model does not fit this"
                        + " run's mlp-blobs model: layer 0 trains with Sgd in the checkpoint, Adam in this run", ALICE),
                run.steps().get(2));
        assertThat(run.steps()).extracting(StepCompleted::loss)
                .containsExactlyElementsOf(untouched.steps().stream().map(StepCompleted::loss).toList());
    }
}
