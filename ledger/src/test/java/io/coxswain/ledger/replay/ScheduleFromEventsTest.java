package io.coxswain.ledger.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.events.CheckpointLoaded;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunPaused;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import io.coxswain.protocol.schedule.ControlSchedule;
import io.coxswain.protocol.schedule.ScheduleEntry;
import io.coxswain.protocol.schedule.ScheduleOrigin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleFromEventsTest {
    private static final CommandSource ANA = CommandSource.user("ana");
    private static final CommandSource PLATEAU = CommandSource.rule("control-streams", "loss_plateau", null);

    private final List<EventEnvelope> events = new ArrayList<>();

    private void at(long step, RunEvent... published) {
        for (RunEvent event : published) {
            events.add(new EventEnvelope(new EventHeader("e-" + events.size(), "r-1", "exp", events.size() + 1, step,
                    Instant.parse("2026-11-22T10:00:00Z")), event));
        }
    }

    private static StepCompleted step(double loss) {
        return new StepCompleted(0.1, 0.1, 32, 32, loss, 1.0, 0.001, 0.01, true, false, null);
    }

    private static ScheduleOrigin by(String commandId, CommandSource source) {
        return new ScheduleOrigin(commandId, source.kind(), source.author(), source.rule());
    }

    @Test
    void oneEntryPerAppliedCommandAtTheStepOfItsAnswersWithWhatItDid() {
        at(0, new ParameterChanged("c-0", "max_grad_norm", DoubleNode.valueOf(1.0), DoubleNode.valueOf(0.5), ANA));
        at(1, step(2.0));
        at(1, new ParameterChanged("c-1", "learning_rate", DoubleNode.valueOf(0.001), DoubleNode.valueOf(0.003), ANA),
                new ParameterChanged("c-1", "weight_decay", DoubleNode.valueOf(0.0), DoubleNode.valueOf(0.01), ANA),
                new TriggerFired("c-1", "checkpoint", ANA),
                new CheckpointSaved("/ckpt/r-1/step-000001", 4096, false),
                new CommandRejected("c-2", "learning_rate must be > 0 and <= 10, got NaN", ANA),
                new CommandIgnored("c-1", CommandIgnored.DUPLICATE),
                new CommandIgnored("c-3", CommandIgnored.NO_OP),
                new ParameterChanged("c-4", "batch_size", IntNode.valueOf(32), IntNode.valueOf(64), ANA));
        at(2, step(1.9));
        at(2, new TriggerFired("c-5", "pause", ANA), new RunPaused("c-5", "user ana (command c-5)"),
                new TriggerFired("c-6", "resume", ANA));
        at(3, step(1.8));
        at(3, new CheckpointLoaded("c-7", "/ckpt/r-2/step-000003", "r-2", 3, PLATEAU),
                new ParameterChanged("c-7", "learning_rate", DoubleNode.valueOf(0.003), DoubleNode.valueOf(0.006),
                        PLATEAU),
                new TriggerFired("c-8", "stop", PLATEAU), new RunFinished(RunFinished.STOPPED, "rule loss_plateau"));

        assertThat(ScheduleFromEvents.of("r-1", events)).isEqualTo(new ControlSchedule("r-1", List.of(
                new ScheduleEntry(0, List.of(new Action.SetParameter("max_grad_norm", DoubleNode.valueOf(0.5))),
                        by("c-0", ANA)),
                new ScheduleEntry(1, List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.003)),
                        new Action.SetParameter("weight_decay", DoubleNode.valueOf(0.01)),
                        new Action.FireTrigger("checkpoint")), by("c-1", ANA)),
                new ScheduleEntry(1, List.of(new Action.SetParameter("batch_size", IntNode.valueOf(64))),
                        by("c-4", ANA)),
                new ScheduleEntry(2, List.of(new Action.FireTrigger("pause")), by("c-5", ANA)),
                new ScheduleEntry(2, List.of(new Action.FireTrigger("resume")), by("c-6", ANA)),
                new ScheduleEntry(3, List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.006)),
                        new Action.LoadCheckpoint("/ckpt/r-2/step-000003", "r-2")), by("c-7", PLATEAU)),
                new ScheduleEntry(3, List.of(new Action.FireTrigger("stop")), by("c-8", PLATEAU)))));
    }

    @Test
    void aRunThatAppliedNothingHasAnEmptySchedule() {
        at(0, new CommandRejected(null, "not JSON", null));
        at(1, step(2.0), new CommandIgnored("c-1", CommandIgnored.NO_OP));

        assertThat(ScheduleFromEvents.of("r-1", events)).isEqualTo(new ControlSchedule("r-1", List.of()));
    }

    @Test
    void keepsWhoSentTheOriginalEvenWhenItWasAReplay() {
        CommandSource replay = new CommandSource(SourceKind.REPLAY, "replay:r-0", null, null);
        at(4, new TriggerFired("schedule-r-1-1", "evaluate", replay));

        assertThat(ScheduleFromEvents.of("r-1", events).entries()).containsExactly(new ScheduleEntry(4,
                List.of(new Action.FireTrigger("evaluate")), new ScheduleOrigin("schedule-r-1-1", SourceKind.REPLAY,
                "replay:r-0", null)));
    }
}
