package io.coxswain.web.control;

import io.coxswain.protocol.events.EventEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live events of runs for the pages' event streams: one consumer and one daemon thread per open stream, at most
 * {@code maxStreams} at once. A stream ends when its {@link Stream#close()} is called (the browser went away).
 */
public final class RunEventTail {
    private static final Logger LOG = LoggerFactory.getLogger(RunEventTail.class);

    private final KafkaAccess kafka;
    private final int maxStreams;
    private final Semaphore open;

    public RunEventTail(KafkaAccess kafka, int maxStreams) {
        this.kafka = kafka;
        this.maxStreams = maxStreams;
        this.open = new Semaphore(maxStreams);
    }

    /** One open stream. */
    public interface Stream extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Starts delivering the run's events published from now on to {@code sink}, on a thread of its own: the sink
     * gets each poll's events, an empty list when none came within half a second (a chance to send a keep-alive).
     *
     * @param onEnd told why the stream ended when it ends by itself (Kafka failed), not when closed
     * @throws TooManyStreamsException when {@code maxStreams} are open
     */
    public Stream follow(String runId, Consumer<List<EventEnvelope>> sink, Consumer<String> onEnd) {
        if (!open.tryAcquire()) {
            throw new TooManyStreamsException("too many live event streams open (at most " + maxStreams
                    + "); close another run page");
        }
        RunEventsConsumer consumer;
        try {
            consumer = new RunEventsConsumer(kafka.bootstrap(), runId);
        } catch (RuntimeException e) {
            open.release();
            throw e;
        }
        Follower follower = new Follower(consumer, sink, onEnd);
        Thread thread = new Thread(follower, "web-events-" + runId.replaceAll("[^A-Za-z0-9_.-]", "_"));
        thread.setDaemon(true);
        thread.start();
        return follower;
    }

    private final class Follower implements Runnable, Stream {
        private final RunEventsConsumer consumer;
        private final Consumer<List<EventEnvelope>> sink;
        private final Consumer<String> onEnd;
        private volatile boolean closed;

        Follower(RunEventsConsumer consumer, Consumer<List<EventEnvelope>> sink, Consumer<String> onEnd) {
            this.consumer = consumer;
            this.sink = sink;
            this.onEnd = onEnd;
        }

        @Override
        public void run() {
            try (consumer) {
                while (!closed) {
                    sink.accept(consumer.poll(Duration.ofMillis(500)));
                }
            } catch (WakeupException e) {
                LOG.debug("event stream closed");
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("live event stream failed: {}", e.getMessage(), e);
                    onEnd.accept("the live event stream failed: " + e.getMessage());
                }
            } finally {
                open.release();
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                consumer.wakeup();
            }
        }
    }
}
