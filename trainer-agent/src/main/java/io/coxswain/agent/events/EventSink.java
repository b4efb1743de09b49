package io.coxswain.agent.events;

import io.coxswain.protocol.events.EventEnvelope;

/**
 * Where a run's events go, in the order they are published. Implementations: {@code kafka.KafkaEventSink},
 * {@link DiscardingEventSink}, {@link RecordingEventSink}.
 */
public interface EventSink extends AutoCloseable {

    /**
     * Hands one event over; may return before it is stored. Throws {@link EventSinkException} if this or an earlier
     * event could not be delivered, so a run never goes on believing it is observed when it is not.
     */
    void publish(EventEnvelope event);

    /** Returns once every event handed over is stored, or throws {@link EventSinkException}. */
    void flush();

    @Override
    void close();
}
