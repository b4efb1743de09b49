package io.coxswain.streams.engine;

import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import java.util.List;

/** What one event made the engine send: commands for the control topic, events about runs for the events topic. */
public record Emitted(List<ControlCommand> commands, List<EventEnvelope> events) {
    public static final Emitted NOTHING = new Emitted(List.of(), List.of());

    public Emitted {
        commands = List.copyOf(commands);
        events = List.copyOf(events);
    }

    public boolean isEmpty() {
        return commands.isEmpty() && events.isEmpty();
    }
}
