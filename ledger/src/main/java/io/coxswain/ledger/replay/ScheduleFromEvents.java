package io.coxswain.ledger.replay;

import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.events.CheckpointLoaded;
import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.TriggerFired;
import io.coxswain.protocol.schedule.ControlSchedule;
import io.coxswain.protocol.schedule.ScheduleEntry;
import io.coxswain.protocol.schedule.ScheduleOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A run's control schedule from its events: one entry per applied command, at the step of its answers (the steps the
 * run had taken when it applied it), with what it did: the new value of each ParameterChanged, the name of each
 * TriggerFired and the checkpoint of each CheckpointLoaded. Rejected and ignored commands changed nothing and are
 * left out. Pure.
 */
public final class ScheduleFromEvents {
    private ScheduleFromEvents() {
    }

    /**
     * @param runId  the run the events are of, named as the schedule's origin
     * @param events the run's events in the order it published them; events other than applied answers are skipped
     */
    public static ControlSchedule of(String runId, List<EventEnvelope> events) {
        List<ScheduleEntry> entries = new ArrayList<>();
        List<Action> actions = new ArrayList<>();
        CommandAnswer first = null;
        long step = 0;
        for (EventEnvelope envelope : events) {
            if (!(envelope.event() instanceof CommandAnswer answer) || action(answer) == null) {
                continue;
            }
            // the answers of one applied command follow each other (CommandDecider answers a command as a whole)
            if (first != null && (!Objects.equals(first.commandId(), answer.commandId()) || step != envelope.step())) {
                entries.add(new ScheduleEntry(step, actions, origin(first)));
                actions = new ArrayList<>();
                first = null;
            }
            if (first == null) {
                first = answer;
                step = envelope.step();
            }
            actions.add(action(answer));
        }
        if (first != null) {
            entries.add(new ScheduleEntry(step, actions, origin(first)));
        }
        return new ControlSchedule(runId, entries);
    }

    /** What an applied answer did, or null for an answer that applied nothing (rejected, ignored). */
    private static Action action(CommandAnswer answer) {
        if (answer instanceof ParameterChanged changed) {
            return new Action.SetParameter(changed.param(), changed.newValue());
        }
        if (answer instanceof TriggerFired fired) {
            return new Action.FireTrigger(fired.name());
        }
        if (answer instanceof CheckpointLoaded loaded) {
            return new Action.LoadCheckpoint(loaded.checkpoint(), loaded.fromRun());
        }
        return null;
    }

    private static ScheduleOrigin origin(CommandAnswer answer) {
        CommandSource source = null;
        if (answer instanceof ParameterChanged changed) {
            source = changed.source();
        } else if (answer instanceof TriggerFired fired) {
            source = fired.source();
        } else if (answer instanceof CheckpointLoaded loaded) {
            source = loaded.source();
        }
        return source == null ? new ScheduleOrigin(answer.commandId(), null, null, null)
                : new ScheduleOrigin(answer.commandId(), source.kind(), source.author(), source.rule());
    }
}
