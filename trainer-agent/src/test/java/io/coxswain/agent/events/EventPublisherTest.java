package io.coxswain.agent.events;

import static io.coxswain.agent.events.TestEvents.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventsDropped;
import io.coxswain.protocol.events.RunEvent;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventPublisherTest {

    /** Records what it takes, except while full: then it drops events and reports them once it has room. */
    private static final class FillingSink implements EventSink {
        final RecordingEventSink recorded = new RecordingEventSink();
        boolean full;
        DropReport drops = DropReport.NONE;

        @Override
        public void publish(EventEnvelope event) {
            if (full) {
                drops = drops.plus(event, "full");
            } else {
                recorded.publish(event);
            }
        }

        @Override
        public void flush() {
            recorded.flush();
        }

        @Override
        public Optional<DropReport> dropReportBefore(RunEvent next) {
            if (full || drops.isEmpty()) {
                return Optional.empty();
            }
            DropReport report = drops;
            drops = DropReport.NONE;
            return Optional.of(report);
        }

        @Override
        public void close() {
            recorded.close();
        }
    }

    @Test
    void reportsDroppedEventsWithItsOwnNextSequenceNumberRightBeforeTheNextEvent() {
        FillingSink sink = new FillingSink();
        EventPublisher publisher = new EventPublisher("r", "default", sink, EventListener.NONE,
                Clock.fixed(TestEvents.TIME, ZoneOffset.UTC));
        publisher.publish(1, step(1));
        sink.full = true;
        publisher.publish(2, step(2));
        publisher.publish(3, step(3));
        sink.full = false;

        EventEnvelope returned = publisher.publish(4, step(4));

        List<EventEnvelope> events = sink.recorded.events();
        assertThat(events).extracting(e -> e.header().seq()).containsExactly(1L, 4L, 5L);
        assertThat(events).extracting(EventEnvelope::event).containsExactly(step(1),
                new EventsDropped(2, 2, 3, Map.of("StepCompleted", 2L), "full"), step(4));
        assertThat(events).extracting(EventEnvelope::step).containsExactly(1L, 4L, 4L);
        assertThat(returned).isEqualTo(events.get(2));
        assertThat(publisher.lastSeq()).isEqualTo(5);
    }
}
