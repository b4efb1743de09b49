package io.coxswain.streams.topology;

import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.streams.rules.Firing;

/** Turns a rule's firing into the command sent on the control topic. */
final class RuleCommands {
    private RuleCommands() {
    }

    /**
     * The command for {@code firing} of {@code rule} on the run of {@code event}. Its id depends only on the run, the
     * rule and the step, so a firing re-evaluated after a crash re-sends the same id and the agent answers
     * {@code duplicate}; it is issued at the event's time, so reprocessing gives the same command, byte for byte.
     */
    static ControlCommand command(String rule, EventEnvelope event, Firing firing) {
        String runId = event.runId();
        return new ControlCommand(commandId(runId, rule, firing.step()), runId, event.header().time(),
                CommandSource.rule(ControlTopology.AUTHOR, rule, firing.evidence().toJson()), firing.actions(),
                firing.reason());
    }

    static String commandId(String runId, String rule, long step) {
        return "rule-" + runId + "-" + rule + "-" + step;
    }
}
