package io.coxswain.streams.engine;

import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import java.util.List;

/**
 * What one event did to one rule set's view of a run: the new state, the commands to send (in order) and the events to
 * publish about the run (RuleFailed, RuleSkipped, ControlLogged).
 */
public record Outcome(RunRuleState state, List<ControlCommand> commands, List<EventEnvelope> events) {
    public Outcome {
        commands = List.copyOf(commands);
        events = List.copyOf(events);
    }
}
