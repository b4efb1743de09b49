package io.coxswain.agent.loop;

import static io.coxswain.agent.control.TestCommands.ALICE;
import static io.coxswain.agent.control.TestCommands.command;
import static io.coxswain.agent.control.TestCommands.set;
import static io.coxswain.agent.control.TestCommands.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.agent.config.LrSchedulerType;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.StateLogged;
import io.coxswain.protocol.events.StepCompleted;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveParametersInARunTest {
    @TempDir
    Path checkpoints;

    @Test
    void batchSizeSetByCommandIsUsedFromTheNextStep() {
        AgentRun run = new AgentRun().afterStep(3, command("c-1", set("batch_size", 64)));

        run.run(AgentRun.config(checkpoints).maxSteps(5).build());

        assertThat(run.eventsAfterStep(3)).containsExactly(
                new ParameterChanged("c-1", "batch_size", IntNode.valueOf(32), IntNode.valueOf(64), ALICE),
                run.steps().get(3));
        assertThat(run.steps()).extracting(StepCompleted::batchSize).containsExactly(32, 32, 32, 64, 64);
        assertThat(run.steps()).extracting(StepCompleted::samplesSeen).containsExactly(32L, 64L, 96L, 160L, 224L);
    }

    @Test
    void rejectedBatchSizesLeaveTrainingExactlyAsWithoutThem() {
        String nan = "{\"v\":1,\"type\":\"ControlCommand\",\"commandId\":\"c-nan\",\"runId\":\"r-1\","
                + "\"source\":{\"kind\":\"user\",\"author\":\"alice\"},"
                + "\"actions\":[{\"op\":\"set\",\"param\":\"batch_size\",\"value\":NaN}]}";
        AgentRun run = new AgentRun().afterStep(2, command("c-zero", set("batch_size", 0)),
                command("c-negative", set("batch_size", -1)), command("c-fraction", set("batch_size", 2.5)),
                command("c-too-big", set("batch_size", 4001)), command("c-string", set("batch_size", "32")))
                .when(e -> e.event() instanceof StepCompleted && e.step() == 2, feed -> feed.sendRaw("r-1", nan));
        AgentRun untouched = new AgentRun();
        // two micro-batches of 16 per step: at most 4000 per micro-batch fits in the 8000 samples
        var config = AgentRun.config(checkpoints).maxSteps(4).batchSize(16).gradientAccumulationSteps(2).build();

        run.run(config);
        untouched.run(config);

        String bound = "batch_size must be an integer >= 1 and <= 4000, got ";
        assertThat(run.eventsAfterStep(2)).containsExactly(
                new CommandRejected("c-zero", bound + "0", ALICE),
                new CommandRejected("c-negative", bound + "-1", ALICE),
                new CommandRejected("c-fraction", "batch_size must be an integer, got 2.5", ALICE),
                new CommandRejected("c-too-big", bound + "4001", ALICE),
                new CommandRejected("c-string", "batch_size must be an integer, got string \"32\"", ALICE),
                new CommandRejected("c-nan", "batch_size must be an integer, got NaN", ALICE),
                run.steps().get(2));
        assertThat(run.steps()).extracting(StepCompleted::batchSize).containsOnly(32);
        assertThat(run.steps()).extracting(StepCompleted::loss)
                .containsExactlyElementsOf(untouched.steps().stream().map(StepCompleted::loss).toList());
    }

    @Test
    void weightDecayAndMaxGradNormChangesAreAnsweredShownByLogAndTrainFromTheNextStep() {
        AgentRun run = new AgentRun()
                .afterStep(2, command("c-1", set("weight_decay", 0.05), set("max_grad_norm", 0.5)))
                .afterStep(3, command("c-log", trigger("log")));
        AgentRun untouched = new AgentRun();

        run.run(AgentRun.config(checkpoints).maxSteps(4).build());
        untouched.run(AgentRun.config(checkpoints).maxSteps(4).build());

        assertThat(run.eventsAfterStep(2)).containsExactly(
                new ParameterChanged("c-1", "weight_decay", DoubleNode.valueOf(0.0), DoubleNode.valueOf(0.05), ALICE),
                new ParameterChanged("c-1", "max_grad_norm", DoubleNode.valueOf(1.0), DoubleNode.valueOf(0.5),
                        ALICE),
                run.steps().get(2));
        ObjectNode parameters = Json.mapper().createObjectNode();
        parameters.set("learning_rate", DoubleNode.valueOf(0.001));
        parameters.set("batch_size", IntNode.valueOf(32));
        parameters.set("weight_decay", DoubleNode.valueOf(0.05));
        parameters.set("max_grad_norm", DoubleNode.valueOf(0.5));
        parameters.set("logging_steps", IntNode.valueOf(1));
        parameters.set("eval_steps", IntNode.valueOf(100));
        parameters.set("save_steps", IntNode.valueOf(500));
        parameters.set("sample_loss_steps", IntNode.valueOf(0));
        assertThat(run.sink.eventsOf(StateLogged.class)).singleElement()
                .satisfies(logged -> assertThat(logged.state().get("parameters")).isEqualTo(parameters));
        // a step's loss is measured before its update: step 3 trains with the new values, step 4 shows it (step 3's
        // loss is the regularized score less the decay term, equal to the undecayed loss up to rounding)
        List<Double> losses = run.steps().stream().map(StepCompleted::loss).toList();
        List<Double> before = untouched.steps().stream().map(StepCompleted::loss).toList();
        assertThat(losses.subList(0, 2)).isEqualTo(before.subList(0, 2));
        assertThat(losses.get(2)).isCloseTo(before.get(2), within(1e-12));
        assertThat(losses.get(3)).isNotCloseTo(before.get(3), within(1e-6));
    }

    @Test
    void learningRateSetUnderALinearScheduleBecomesTheNewBaseTimesTheSameScheduleFactor() {
        AgentRun run = new AgentRun().afterStep(5, command("c-1", set("learning_rate", 0.01)));

        run.run(AgentRun.config(checkpoints).maxSteps(10).lrSchedulerType(LrSchedulerType.LINEAR).build());

        assertThat(run.eventsAfterStep(5)).containsExactly(
                new ParameterChanged("c-1", "learning_rate", DoubleNode.valueOf(0.001), DoubleNode.valueOf(0.01),
                        ALICE),
                run.steps().get(5));
        // step s uses the base x the linear factor at the progress before it, (s - 1) / 10 of the run
        List<Double> expected = LongStream.rangeClosed(1, 10)
                .mapToObj(s -> (s <= 5 ? 0.001 : 0.01) * (1.0 - (s - 1) / 10.0) * 1.0).toList();
        assertThat(run.steps()).extracting(StepCompleted::learningRate).containsExactlyElementsOf(expected);
    }

    @Test
    void aMixtureWeightSetToZeroLeavesItsSourceOutFromTheNextStep() {
        AgentRun run = new AgentRun().afterStep(2, command("c-1", set("mix.noisy", 0.0)));

        run.run(AgentRun.config(checkpoints).workload("mlp-mixture").maxSteps(4).build());

        // by size, clean (8000) gives 21 samples of 32 and noisy (4000) 11; then clean gives them all
        assertThat(run.eventsAfterStep(2)).containsExactly(
                new ParameterChanged("c-1", "mix.noisy", DoubleNode.valueOf(4000.0 / 12000), DoubleNode.valueOf(0.0),
                        ALICE),
                run.steps().get(2));
        assertThat(run.steps()).extracting(s -> s.sourceCoverage().get("clean"), s -> s.sourceCoverage().get("noisy"))
                .containsExactly(tuple(21 / 8000.0, 11 / 4000.0), tuple(42 / 8000.0, 22 / 4000.0),
                        tuple(74 / 8000.0, 22 / 4000.0), tuple(106 / 8000.0, 22 / 4000.0));
        assertThat(run.steps()).extracting(StepCompleted::epoch).containsExactly(32 / 12000.0, 64 / 12000.0,
                96 / 12000.0, 128 / 12000.0);
    }

    @Test
    void withDropLastABatchSizeThatDoesNotFitTheRestOfTheEpochWaitsForTheEpochsEnd() {
        AgentRun run = new AgentRun().afterStep(1, command("c-1", set("batch_size", 5500)));

        run.run(AgentRun.config(checkpoints).maxSteps(4).batchSize(3000).dropLast(true).build());

        // 5000 samples are left after step 1: step 2 keeps 3000 and the epoch's last 2000 are dropped after it
        assertThat(run.steps()).extracting(StepCompleted::batchSize).containsExactly(3000, 3000, 5500, 5500);
        assertThat(run.steps()).extracting(StepCompleted::epochEnd).containsExactly(false, true, true, true);
        assertThat(run.steps()).extracting(StepCompleted::samplesDropped).containsExactly(0L, 2000L, 4500L, 7000L);
    }

    @Test
    void aBatchSizeSetBackWhileTheLastOneWaitsForTheEpochsEndReplacesIt() {
        AgentRun run = new AgentRun().afterStep(1, command("c-1", set("batch_size", 5500)))
                .afterStep(2, command("c-2", set("batch_size", 3000)));

        run.run(AgentRun.config(checkpoints).maxSteps(4).batchSize(3000).dropLast(true).build());

        assertThat(run.eventsAfterStep(2)).containsExactly(
                new ParameterChanged("c-2", "batch_size", IntNode.valueOf(5500), IntNode.valueOf(3000), ALICE),
                run.steps().get(2));
        assertThat(run.steps()).extracting(StepCompleted::batchSize).containsExactly(3000, 3000, 3000, 3000);
    }
}
