package io.coxswain.ledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.ledger.testing.RunScript;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectorTest {
    private final RunScript a = new RunScript("run-a");
    private final RunScript b = new RunScript("run-b");

    @Test
    void takesTheLatestStepOfEachRunInTheBatch() {
        List<EventEnvelope> events = List.of(a.step(1, 2.0, 0.01, 32), b.step(7, 1.0, 0.03, 16),
                a.step(2, 1.9, 0.02, 64), b.step(6, 1.1, 0.03, 16));

        ProjectionPlan plan = Projector.plan(events, List.of());

        assertThat(plan).isEqualTo(new ProjectionPlan(List.of(), List.of(
                new StepProgress("run-a", RunScript.EXPERIMENT, 2, 1.9, 0.02, 64),
                new StepProgress("run-b", RunScript.EXPERIMENT, 7, 1.0, 0.03, 16)), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void startsARunWithItsConfigurationAndDeclaredLearningRate() {
        EventEnvelope started = a.started();

        ProjectionPlan plan = Projector.plan(List.of(started), List.of());

        assertThat(plan.transitions()).containsExactly(new RunTransition.Began("run-a", RunScript.EXPERIMENT,
                RunScript.WORKLOAD, RunScript.SEED, RunScript.PLANNED_STEPS, RunScript.config(), List.of(),
                RunScript.LEARNING_RATE, null, started.header().time()));
    }

    @Test
    void takesTheRunsTagsFromTheStringsOfItsConfigurationsTagList() {
        ObjectNode config = RunScript.config();
        config.putArray("tags").add("pbt").add(3).add("lr sweep").addNull();
        EventEnvelope started = a.event(0, new RunStarted(config, 7, "mlp", 10, List.of(), 1.0));
        ObjectNode notAList = RunScript.config().put("tags", "pbt");
        EventEnvelope untagged = b.event(0, new RunStarted(notAList, 7, "mlp", 10, List.of(), 1.0));

        ProjectionPlan plan = Projector.plan(List.of(started, untagged), List.of());

        assertThat(plan.transitions()).containsExactly(
                new RunTransition.Began("run-a", RunScript.EXPERIMENT, "mlp", 7, 10, config,
                        List.of("pbt", "lr sweep"), null, null, started.header().time()),
                new RunTransition.Began("run-b", RunScript.EXPERIMENT, "mlp", 7, 10, notAList, List.of(), null, null,
                        untagged.header().time()));
    }

    @Test
    void keepsStartsAndFinishesInTheOrderTheyCame() {
        EventEnvelope started = a.started();
        EventEnvelope finished = a.finished(100, RunFinished.COMPLETED, "planned steps reached");

        ProjectionPlan plan = Projector.plan(List.of(finished, started), List.of());

        assertThat(plan.transitions()).extracting(t -> t.getClass().getSimpleName())
                .containsExactly("Ended", "Began");
        assertThat(plan.transitions().get(0)).isEqualTo(new RunTransition.Ended("run-a", RunScript.EXPERIMENT,
                RunFinished.COMPLETED, "planned steps reached", finished.header().time()));
    }

    @Test
    void turnsAParameterChangeIntoACompleteRow() {
        ObjectNode evidence = Json.mapper().createObjectNode().put("loss_delta", 0.0001);
        EventEnvelope changed = a.parameterChanged(120, "cmd-1", "eval_steps", IntNode.valueOf(100),
                IntNode.valueOf(50), CommandSource.rule("control-streams", "plateau", evidence));

        ProjectionPlan plan = Projector.plan(List.of(changed), List.of());

        assertThat(plan.parameterChanges()).containsExactly(new NewParameterChange(changed.header().eventId(),
                "run-a", 120, "eval_steps", IntNode.valueOf(100), IntNode.valueOf(50), "cmd-1", "rule",
                "control-streams", "plateau", evidence, changed.header().time()));
    }

    @Test
    void keepsTheReasonsOfCommandsThatGaveOne() {
        ControlCommand withReason = command("cmd-1", "warm-up is over");
        ControlCommand withoutReason = command("cmd-2", null);

        ProjectionPlan plan = Projector.plan(List.of(), List.of(withReason, withoutReason));

        assertThat(plan.commandReasons()).containsExactly(new CommandReason("cmd-1", "warm-up is over"));
    }

    private static ControlCommand command(String id, String reason) {
        return new ControlCommand(id, "run-a", RunScript.BASE_TIME, CommandSource.user("ada"),
                List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.02))), reason);
    }
}
