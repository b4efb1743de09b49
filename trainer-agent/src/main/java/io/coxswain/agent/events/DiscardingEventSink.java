package io.coxswain.agent.events;

import io.coxswain.protocol.events.EventEnvelope;
import java.util.concurrent.atomic.AtomicLong;

/** Drops every event and counts them: for benchmarks that measure training without a broker. */
public final class DiscardingEventSink implements EventSink {
    private final AtomicLong count = new AtomicLong();

    @Override
    public void publish(EventEnvelope event) {
        count.incrementAndGet();
    }

    @Override
    public void flush() {
        // Nothing is buffered.
    }

    /** How many events were published. */
    public long count() {
        return count.get();
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
