package io.coxswain.agent.kafka;

import io.coxswain.agent.spool.Backlog;
import io.coxswain.agent.spool.Outgoing;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread between a run's {@link Backlog} and Kafka: hands the oldest events not handed out yet to an idempotent
 * producer (at most {@code maxInFlight} unacknowledged), acknowledges the delivered prefix to the backlog, and when
 * a record fails (delivery timeout, no metadata) waits until the producer has settled every record it holds, rewinds
 * the backlog and, after a pause, sends everything undelivered again, in order (with a new producer only when the
 * old one broke). Only this thread touches the producer;
 * the training thread only wakes it.
 */
final class EventSender implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(EventSender.class);
    static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    private static final long IDLE_WAIT_MS = 200;
    private static final long CURSOR_SAVE_NANOS = 200_000_000L;
    private static final int TAKE_CHUNK = 100;

    private final String runId;
    private final String bootstrap;
    private final Backlog backlog;
    private final KafkaSinkConfig config;
    private final Supplier<Producer<String, byte[]>> producers;
    private final ArrayDeque<Delivery> window = new ArrayDeque<>();
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean idle;
    private volatile boolean hurry;
    private volatile boolean stopping;
    private Producer<String, byte[]> producer;
    private long lingerUntil = -1;
    private long cursorSavedAt = System.nanoTime();
    private boolean troubled;
    private boolean producerBroken;

    EventSender(String runId, String bootstrap, Backlog backlog, KafkaSinkConfig config,
                Supplier<Producer<String, byte[]>> producers) {
        this.runId = runId;
        this.bootstrap = bootstrap;
        this.backlog = backlog;
        this.config = config;
        this.producers = producers;
    }

    /** Something was offered: wakes the thread if it sleeps with nothing to do. Cheap; any thread. */
    void offered() {
        if (idle) {
            wake();
        }
    }

    /** Sends what is waiting now rather than after the linger. Does not wait. */
    void hurry() {
        hurry = true;
        wake();
    }

    void stop() {
        stopping = true;
        wake();
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                try {
                    settleAndSend();
                } catch (RuntimeException e) {
                    LOG.error("event sender of run {} failed; sending again from the oldest undelivered event in {}",
                            runId, RETRY_PAUSE, e);
                    restart();
                    pause(RETRY_PAUSE);
                }
            }
        } finally {
            closeProducer();
            settle();
            backlog.saveCursor();
        }
    }

    private void settleAndSend() {
        Exception failure = settle();
        if (failure != null) {
            if (window.stream().allMatch(Delivery::done)) {
                recover(failure);
            } else {
                await(IDLE_WAIT_MS);
            }
            return;
        }
        long waitMs = send();
        saveCursorNowAndThen();
        idle = lingerUntil < 0 && window.size() < config.maxInFlight();
        if (waitMs > 0 && !stopping && (lingerUntil >= 0 || !backlog.hasWaiting() || window.size()
                >= config.maxInFlight())) {
            await(waitMs);
        }
        idle = false;
    }

    /** Hands events out when they are due; returns how long to wait before looking again. */
    private long send() {
        if (window.size() >= config.maxInFlight() || !backlog.hasWaiting()) {
            lingerUntil = -1;
            return IDLE_WAIT_MS;
        }
        long now = System.nanoTime();
        if (!hurry) {
            if (lingerUntil < 0) {
                lingerUntil = now + config.linger().toNanos();
            }
            if (now < lingerUntil) {
                return Math.max(1, (lingerUntil - now) / 1_000_000);
            }
        }
        lingerUntil = -1;
        if (producer == null) {
            producer = producers.get();
        }
        while (window.size() < config.maxInFlight()) {
            List<Outgoing> batch = backlog.take(Math.min(TAKE_CHUNK, config.maxInFlight() - window.size()));
            if (batch.isEmpty()) {
                break;
            }
            for (Outgoing outgoing : batch) {
                if (!hand(outgoing)) {
                    return 0;
                }
            }
        }
        hurry = hurry && backlog.hasWaiting();
        return 0;
    }

    /** Hands one record to the producer; false when it failed at once (the rest of the batch is resent later). */
    private boolean hand(Outgoing outgoing) {
        Delivery delivery = new Delivery(this::wake);
        window.add(delivery);
        try {
            producer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId, outgoing.bytes()), delivery);
        } catch (KafkaException e) {
            producerBroken = true;
            delivery.onCompletion(null, e);
        }
        return delivery.done() ? delivery.delivered() : true;
    }

    /** Acknowledges the delivered prefix of the window; returns the first failure, if any. */
    private Exception settle() {
        long delivered = 0;
        while (!window.isEmpty() && window.peek().delivered()) {
            window.poll();
            delivered++;
        }
        if (delivered > 0) {
            backlog.acknowledge(delivered);
            if (troubled) {
                troubled = false;
                LOG.info("events of run {} reach Kafka at {} again; {} still to deliver", runId, bootstrap,
                        backlog.undelivered());
            }
        }
        for (Delivery delivery : window) {
            if (delivery.done() && !delivery.delivered()) {
                return delivery.error();
            }
        }
        return null;
    }

    /**
     * After a failed record, once the producer has settled every record handed to it (delivered, or given up after
     * its delivery timeout): everything not delivered goes again, in order. The producer is kept unless it broke, so
     * that records it still retries are never force-failed and resent (which could duplicate them).
     */
    private void recover(Exception failure) {
        Delivery head = window.peek();
        window.clear();
        backlog.rewind();
        lingerUntil = -1;
        if (producerBroken) {
            producerBroken = false;
            closeProducer();
        }
        if (head != null && head.error() instanceof RecordTooLargeException) {
            LOG.error("Kafka refuses an event of run {} for good ({}); it is dropped and reported in EventsDropped",
                    runId, head.error().getMessage());
            backlog.discardOldest("refused by Kafka: " + head.error().getMessage());
            return;
        }
        if (!troubled) {
            troubled = true;
            LOG.warn("events of run {} are not reaching Kafka at {} ({}); {} undelivered, {} of them on disk in {}; "
                    + "training goes on and they are sent again in order when Kafka answers", runId, bootstrap,
                    failure.getMessage(), backlog.undelivered(), backlog.onDisk(), config.spoolDir());
        } else {
            LOG.debug("events of run {} still not reaching Kafka: {}", runId, failure.getMessage());
        }
        pause(RETRY_PAUSE);
    }

    /** After an unexpected error: closes the producer (failing what it holds), keeps what was delivered, rewinds. */
    private void restart() {
        closeProducer();
        settle();
        window.clear();
        backlog.rewind();
        lingerUntil = -1;
    }

    private void closeProducer() {
        if (producer == null) {
            return;
        }
        try {
            producer.close(Duration.ZERO);
        } catch (KafkaException e) {
            LOG.warn("closing the event producer of run {} failed: {}", runId, e.getMessage(), e);
        }
        producer = null;
    }

    private void saveCursorNowAndThen() {
        long now = System.nanoTime();
        if (now - cursorSavedAt >= CURSOR_SAVE_NANOS) {
            cursorSavedAt = now;
            backlog.saveCursor();
        }
    }

    private void pause(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        for (long left = pause.toMillis(); left > 0 && !stopping; left = (until - System.nanoTime()) / 1_000_000) {
            await(left);
        }
    }

    private void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    private void await(long millis) {
        synchronized (signal) {
            try {
                if (!signalled) {
                    signal.wait(millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            } finally {
                signalled = false;
            }
        }
    }
}
