package io.coxswain.cli.tail;

import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;

/** One record of a run read by {@link RunFeed}: its exact JSON text, and what it decoded to. */
public sealed interface Received {
    /** The record's value as it is on the topic. */
    String raw();

    record Event(String raw, EventEnvelope envelope) implements Received {
    }

    record Command(String raw, ControlCommand command) implements Received {
    }

    /** A record of the run that does not decode; {@code reason} names the problem. */
    record Undecodable(String raw, String topic, long offset, String reason) implements Received {
    }
}
