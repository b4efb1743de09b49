package io.coxswain.agent.loop;

import static io.coxswain.agent.control.TestCommands.ALICE;
import static io.coxswain.agent.control.TestCommands.command;
import static io.coxswain.agent.control.TestCommands.set;
import static io.coxswain.agent.control.TestCommands.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.replay.ScheduledChanges;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunPaused;
import io.coxswain.protocol.events.RunResumed;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import io.coxswain.protocol.schedule.ControlSchedule;
import io.coxswain.protocol.schedule.ScheduleEntry;
import io.coxswain.protocol.schedule.ScheduleOrigin;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run following a schedule: each entry applied at its step as its own command of source kind replay. */
class ScheduleInARunTest {
    @TempDir
    Path live;
    @TempDir
    Path scheduled;

    private static ScheduleEntry at(long step, String originalCommand, Action... actions) {
        return new ScheduleEntry(step, List.of(actions), new ScheduleOrigin(originalCommand, SourceKind.USER,
                "alice", null));
    }

    private static CommandSource replay(String author, int entry, String originalCommand) {
        ObjectNode evidence = Json.mapper().createObjectNode().put("entry", entry).put("fromRun", "r-0");
        evidence.putObject("original").put("commandId", originalCommand).put("kind", "user").put("author", "alice");
        return new CommandSource(SourceKind.REPLAY, author, null, evidence);
    }

    @Test
    void aScheduleGivesExactlyTheLossesOfTheSameCommandsSentLiveAtThoseSteps() {
        AgentRun sentLive = new AgentRun()
                .afterStep(0, command("c-0", set("max_grad_norm", 0.5)))
                .afterStep(3, command("c-1", set("learning_rate", 0.004)))
                .afterStep(6, command("c-2", set("weight_decay", 0.05), trigger("checkpoint")),
                        command("c-3", set("learning_rate", 0.002)));
        ControlSchedule schedule = new ControlSchedule("r-0", List.of(
                at(0, "c-0", set("max_grad_norm", 0.5)),
                at(3, "c-1", set("learning_rate", 0.004)),
                at(6, "c-2", trigger("checkpoint"), set("weight_decay", 0.05)),
                at(6, "c-3", set("learning_rate", 0.002))));
        AgentRun following = new AgentRun();

        sentLive.run(AgentRun.config(live).maxSteps(10).build());
        RunOutcome outcome = following.run(AgentRun.config(scheduled).maxSteps(10).build(),
                ScheduledChanges.fromFile("recipe.yaml", schedule));

        assertThat(outcome.completed()).isTrue();
        assertThat(following.steps()).extracting(StepCompleted::loss)
                .containsExactlyElementsOf(sentLive.steps().stream().map(StepCompleted::loss).toList());
        assertThat(following.steps()).extracting(StepCompleted::learningRate)
                .containsExactlyElementsOf(sentLive.steps().stream().map(StepCompleted::learningRate).toList());
        String author = "schedule:recipe.yaml";
        assertThat(following.eventsAfterStep(3)).containsExactly(
                new ParameterChanged("schedule-r-1-2", "learning_rate", DoubleNode.valueOf(0.001),
                        DoubleNode.valueOf(0.004), replay(author, 1, "c-1")),
                following.steps().get(3));
        Path checkpoint = scheduled.resolve("r-1/step-000006").toAbsolutePath();
        assertThat(following.eventsAfterStep(6)).containsExactly(
                new ParameterChanged("schedule-r-1-3", "weight_decay", DoubleNode.valueOf(0.0),
                        DoubleNode.valueOf(0.05), replay(author, 2, "c-2")),
                new TriggerFired("schedule-r-1-3", "checkpoint", replay(author, 2, "c-2")),
                new CheckpointSaved(checkpoint.toString(), Dirs.bytes(checkpoint), false),
                new ParameterChanged("schedule-r-1-4", "learning_rate", DoubleNode.valueOf(0.004),
                        DoubleNode.valueOf(0.002), replay(author, 3, "c-3")),
                following.steps().get(6));
        assertThat(following.steps().get(0).learningRate()).isEqualTo(0.001);
    }

    @Test
    void aStopEntryEndsTheRunAtItsStepAndAPauseResumedAtTheSameStepDoesNotHoldIt() {
        ControlSchedule schedule = new ControlSchedule(null, List.of(
                new ScheduleEntry(2, List.of(trigger("pause")), null),
                new ScheduleEntry(2, List.of(trigger("resume")), null),
                new ScheduleEntry(5, List.of(trigger("stop")), null)));
        AgentRun run = new AgentRun();

        RunOutcome outcome = run.run(AgentRun.config(scheduled).maxSteps(50).build(),
                ScheduledChanges.replayOf("r-0", schedule));

        assertThat(outcome.stopped()).isTrue();
        assertThat(outcome.stepsDone()).isEqualTo(5);
        assertThat(run.steps()).hasSize(5);
        assertThat(run.eventsAfterStep(2)).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "TriggerFired", "RunPaused", "TriggerFired", "RunResumed", "StepCompleted");
        assertThat(run.eventsAfterStep(2).get(1)).isEqualTo(new RunPaused("schedule-r-1-1",
                "replay replay:r-0 (command schedule-r-1-1)"));
        assertThat(run.sink.eventsOf(RunFinished.class)).containsExactly(new RunFinished(RunFinished.STOPPED,
                "replay replay:r-0 (command schedule-r-1-3)"));
        assertThat(run.sink.eventsOf(RunResumed.class)).hasSize(1);
    }

    @Test
    void aReplayRefusesCommandsFromRulesAndObeysPeople() {
        CommandSource rule = CommandSource.rule("control-streams", "loss_plateau", null);
        AgentRun run = new AgentRun().afterStep(3, command("c-rule", rule, trigger("stop")),
                command("c-user", set("weight_decay", 0.01)));
        AgentRun plain = new AgentRun().afterStep(3, command("c-rule", rule, trigger("stop")));

        RunOutcome outcome = run.run(AgentRun.config(scheduled).maxSteps(5).build(),
                ScheduledChanges.replayOf("r-0", ControlSchedule.empty()));
        plain.run(AgentRun.config(live).maxSteps(5).build(),
                ScheduledChanges.fromFile("recipe.yaml", ControlSchedule.empty()));

        assertThat(outcome.completed()).isTrue();
        List<RunEvent> answers = run.eventsAfterStep(3);
        assertThat(answers).containsExactly(
                new CommandRejected("c-rule", "run r-1 is a replay (replay:r-0): it follows its original's"
                        + " schedule, where that run's rule commands already are, and refuses commands from rules",
                        rule),
                new ParameterChanged("c-user", "weight_decay", DoubleNode.valueOf(0.0), DoubleNode.valueOf(0.01),
                        ALICE),
                run.steps().get(3));
        assertThat(plain.sink.eventsOf(RunFinished.class)).singleElement()
                .isEqualTo(new RunFinished(RunFinished.STOPPED, "rule loss_plateau (command c-rule)"));
    }
}
