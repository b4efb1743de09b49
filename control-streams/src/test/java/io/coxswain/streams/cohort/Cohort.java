package io.coxswain.streams.cohort;

import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RuleFailed;
import io.coxswain.streams.engine.Emitted;
import io.coxswain.streams.engine.RuleEngine;
import io.coxswain.streams.engine.RuleSet;
import java.util.ArrayList;
import java.util.List;

/** One rule set run by an in-memory engine over the events fed to it; keeps what it sent. */
final class Cohort {
    private final RuleEngine engine = RuleEngine.inMemory();
    private final RuleSet set;
    final List<ControlCommand> commands = new ArrayList<>();
    final List<EventEnvelope> events = new ArrayList<>();

    Cohort(String yaml) {
        this.set = RuleSet.load("cohort-test", yaml);
    }

    /** Feeds the events in order; returns the commands they sent. */
    List<ControlCommand> feed(List<EventEnvelope> batch) {
        List<ControlCommand> sent = new ArrayList<>();
        for (EventEnvelope event : batch) {
            Emitted emitted = engine.process(event, List.of(set));
            sent.addAll(emitted.commands());
            events.addAll(emitted.events());
        }
        commands.addAll(sent);
        return sent;
    }

    List<ControlCommand> feed(EventEnvelope... batch) {
        return feed(List.of(batch));
    }

    /** The RuleFailed events sent so far. */
    List<RuleFailed> failures() {
        return events.stream().filter(e -> e.event() instanceof RuleFailed).map(e -> (RuleFailed) e.event()).toList();
    }

    /** The runs the commands sent so far were for, in order. */
    List<String> commandedRuns() {
        return commands.stream().map(ControlCommand::runId).toList();
    }
}
