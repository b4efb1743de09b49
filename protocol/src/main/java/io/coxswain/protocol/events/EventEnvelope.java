package io.coxswain.protocol.events;

/** One event as it travels: the common header and the typed body, written as one flat JSON object. */
public record EventEnvelope(EventHeader header, RunEvent event) {
    public static final int VERSION = 1;

    public String runId() {
        return header.runId();
    }

    public long step() {
        return header.step();
    }

    public String type() {
        return event.typeName();
    }
}
