package io.coxswain.agent.events;

import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventsDropped;
import java.util.Map;
import java.util.TreeMap;

/**
 * Events a sink dropped and has not reported yet: how many, the lowest and highest sequence number among them, how
 * many of each type, and why (the first reason). An immutable value; {@link #plus} returns a new one.
 */
public record DropReport(long count, long firstSeq, long lastSeq, Map<String, Long> byType, String reason) {
    public static final DropReport NONE = new DropReport(0, 0, 0, Map.of(), null);

    public DropReport {
        byType = Map.copyOf(byType);
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** This report with one more dropped event. */
    public DropReport plus(EventEnvelope event, String why) {
        return plus(event.header().seq(), event.type(), why);
    }

    /** This report with one more dropped event, by sequence number and type name. */
    public DropReport plus(long seq, String type, String why) {
        Map<String, Long> types = new TreeMap<>(byType);
        types.merge(type, 1L, Long::sum);
        return new DropReport(count + 1, isEmpty() ? seq : Math.min(firstSeq, seq), isEmpty() ? seq
                : Math.max(lastSeq, seq), types, isEmpty() ? why : reason);
    }

    /** The event that tells consumers about these drops. */
    public EventsDropped toEvent() {
        return new EventsDropped(count, firstSeq, lastSeq, byType, reason);
    }
}
