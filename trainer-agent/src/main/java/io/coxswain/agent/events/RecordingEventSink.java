package io.coxswain.agent.events;

import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event in memory, in order: for tests and for in-process observers. Thread-safe. */
public final class RecordingEventSink implements EventSink {
    private final List<EventEnvelope> events = new CopyOnWriteArrayList<>();

    @Override
    public void publish(EventEnvelope event) {
        events.add(event);
    }

    @Override
    public void flush() {
        // Kept in memory as published.
    }

    /** A snapshot of the events so far. */
    public List<EventEnvelope> events() {
        return List.copyOf(events);
    }

    /** The bodies of the events of one type so far, in order. */
    public <T extends RunEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().map(EventEnvelope::event).filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        // Events stay readable after close.
    }
}
