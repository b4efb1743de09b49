package io.coxswain.agent.events;

import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RunEvent;
import java.time.Clock;
import java.util.UUID;

/**
 * Wraps a run's events in headers and hands them to the sink: a fresh UUID per event, the run and experiment ids,
 * a sequence number from 1 without gaps (it advances only when the sink took the event), the step and the time.
 * Before each event it asks the sink for events it dropped ({@link EventSink#dropReportBefore}) and publishes them
 * first as one {@code EventsDropped} with the next sequence number, so the report sits in order among the events.
 * A dropped event keeps the sequence number it was given: the gap it leaves is exactly what the report names.
 * Used by the training thread only.
 */
public final class EventPublisher {
    private final String runId;
    private final String experimentId;
    private final EventSink sink;
    private final EventListener listener;
    private final Clock clock;
    private long lastSeq;

    public EventPublisher(String runId, String experimentId, EventSink sink, EventListener listener, Clock clock) {
        this(runId, experimentId, sink, listener, clock, 0);
    }

    /** A publisher whose first event gets {@code lastSeq + 1}: for a run that goes on after earlier events. */
    public EventPublisher(String runId, String experimentId, EventSink sink, EventListener listener, Clock clock,
                          long lastSeq) {
        if (lastSeq < 0) {
            throw new IllegalArgumentException("lastSeq must be 0 or more, got " + lastSeq);
        }
        this.runId = runId;
        this.experimentId = experimentId;
        this.sink = sink;
        this.listener = listener;
        this.clock = clock;
        this.lastSeq = lastSeq;
    }

    public EventEnvelope publish(long step, RunEvent event) {
        sink.dropReportBefore(event).ifPresent(report -> send(step, report.toEvent()));
        return send(step, event);
    }

    private EventEnvelope send(long step, RunEvent event) {
        EventHeader header = new EventHeader(UUID.randomUUID().toString(), runId, experimentId, lastSeq + 1, step,
                clock.instant());
        EventEnvelope envelope = new EventEnvelope(header, event);
        sink.publish(envelope);
        lastSeq++;
        listener.onEvent(envelope);
        return envelope;
    }

    /** The sequence number of the last event published, 0 before the first. */
    public long lastSeq() {
        return lastSeq;
    }

    /** Asks the sink to deliver what it holds promptly; does not wait. */
    public void flush() {
        sink.flush();
    }
}
