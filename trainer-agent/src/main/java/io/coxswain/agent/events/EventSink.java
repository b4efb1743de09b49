package io.coxswain.agent.events;

import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunEvent;
import java.util.Optional;

/**
 * Where a run's events go, in the order they are published. Implementations: {@code kafka.KafkaEventSink},
 * {@link DiscardingEventSink}, {@link RecordingEventSink}.
 * <p>
 * Training never waits for observation: {@link #publish} and {@link #flush} return promptly whether or not the
 * destination is reachable. An implementation that cannot hold an event any more may drop it, but only an event
 * {@link DropPolicy} allows, and must then offer a {@link DropReport} through {@link #dropReportBefore}, which the
 * {@link EventPublisher} publishes as {@code EventsDropped} with its own sequence number, so a consumer sees exactly
 * which sequence numbers are missing and why.
 */
public interface EventSink extends AutoCloseable {

    /**
     * Takes one event, after every event taken before it, and returns without waiting for the network. Throws
     * {@link EventSinkException} only when the sink cannot take events at all (it is closed); the event is then not
     * taken.
     */
    void publish(EventEnvelope event);

    /**
     * Asks for everything taken so far to be delivered promptly (the training loop calls it right after answering
     * commands). Does not wait for delivery and does not throw because the destination is away.
     */
    void flush();

    /**
     * The events this sink dropped and has not reported yet, to be published right before {@code next}. Empty when
     * nothing was dropped, or while {@code next} could itself be dropped for lack of room (a report is due once
     * there is room, or before an event that is never dropped). Taking a report clears it.
     */
    default Optional<DropReport> dropReportBefore(RunEvent next) {
        return Optional.empty();
    }

    /** Releases the sink, waiting a bounded time for delivery; what is not delivered then is kept or logged. */
    @Override
    void close();
}
