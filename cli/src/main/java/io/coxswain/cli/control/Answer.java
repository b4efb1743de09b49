package io.coxswain.cli.control;

import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import java.util.List;

/** The agent's answer to one command: every answer event it published for that command id. */
public record Answer(Outcome outcome, List<EventEnvelope> events) {

    public enum Outcome { APPLIED, REJECTED, IGNORED }

    public Answer {
        events = List.copyOf(events);
    }

    /** The rejection reason or the ignore cause, else null. */
    public String detail() {
        for (EventEnvelope e : events) {
            if (e.event() instanceof CommandRejected r) {
                return r.reason();
            }
            if (e.event() instanceof CommandIgnored i) {
                return i.why();
            }
        }
        return null;
    }
}
