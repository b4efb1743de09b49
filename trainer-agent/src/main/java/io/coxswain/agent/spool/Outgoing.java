package io.coxswain.agent.spool;

import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;

/** One event on its way out of a {@link Backlog}: the envelope when it came from memory, else its stored bytes. */
public record Outgoing(EventEnvelope envelope, byte[] stored) {

    static Outgoing fromMemory(EventEnvelope envelope) {
        return new Outgoing(envelope, null);
    }

    static Outgoing fromDisk(byte[] stored) {
        return new Outgoing(null, stored);
    }

    /** The event as it goes on the wire (encoded here when it came from memory, off the training thread). */
    public byte[] bytes() {
        return stored != null ? stored : Topics.RUN_EVENTS.codec().encode(envelope);
    }
}
