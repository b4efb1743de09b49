package io.coxswain.agent.kafka;

import io.coxswain.agent.events.DropReport;
import io.coxswain.agent.events.EventSink;
import io.coxswain.agent.events.EventSinkException;
import io.coxswain.agent.spool.Admission;
import io.coxswain.agent.spool.Backlog;
import io.coxswain.agent.spool.Spool;
import io.coxswain.agent.spool.SpoolException;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a run's events on {@code coxswain.run-events}, keyed by run id, without ever making training wait for
 * Kafka. {@link #publish} puts the event in a {@link Backlog} (memory up to {@link KafkaSinkConfig#memoryEvents()},
 * then a disk spool up to {@link KafkaSinkConfig#diskBytes()}, then droppable events are dropped and reported) and
 * returns; a sender thread hands events to an idempotent producer ({@code acks=all}, at most 5 requests in flight,
 * so the producer's own retries cannot reorder or duplicate) in order, and sends everything undelivered again, in
 * order, when a delivery fails or times out. Events left undelivered by {@link #close} stay in the spool and are sent
 * first by the next sink on the same directory.
 */
public final class KafkaEventSink implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSink.class);
    /** How long the sender thread (never the training thread) may block in {@code send} for metadata. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(1);
    private static final Duration STOP_GRACE = MAX_BLOCK.plusSeconds(2);

    private final String runId;
    private final KafkaSinkConfig config;
    private final Backlog backlog;
    private final EventSender sender;
    private final Thread thread;
    private Admission lastAdmission = Admission.QUEUED;
    private boolean closed;

    /**
     * A sink with the default bounds spooling to a new temporary directory: events it cannot deliver by
     * {@link #close} stay there (the log names it) but no later sink finds them. Runs that must survive a restart
     * pass a {@link KafkaSinkConfig} with a spool directory of their own, e.g. {@link KafkaSinkConfig#forRun}.
     */
    public KafkaEventSink(String bootstrap, String runId) {
        this(bootstrap, runId, KafkaSinkConfig.defaults(temporarySpool(runId)));
    }

    /**
     * Opens the spool (sending what an earlier sink left there first) and starts the sender thread. Throws
     * {@link EventSinkException} when the spool directory cannot be used.
     */
    public KafkaEventSink(String bootstrap, String runId, KafkaSinkConfig config) {
        this.runId = runId;
        this.config = config;
        Spool spool;
        try {
            spool = Spool.open(config.spoolDir(), config.diskBytes(), config.segmentBytes());
        } catch (SpoolException e) {
            throw new EventSinkException("cannot keep the events of run " + runId + ": " + e.getMessage(), e);
        }
        if (spool.records() > 0) {
            LOG.info("{} undelivered events of run {} found in {}; they are sent before any new one", spool.records(),
                    runId, config.spoolDir());
        }
        this.backlog = new Backlog(spool, config.memoryEvents());
        warmUpEncoding(runId);
        Properties properties = properties(bootstrap, runId, config);
        this.sender = new EventSender(runId, bootstrap, backlog, config,
                () -> new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer()));
        this.thread = new Thread(sender, "coxswain-events-" + runId);
        thread.setDaemon(true);
        thread.start();
    }

    private static Path temporarySpool(String runId) {
        try {
            return Files.createTempDirectory("coxswain-spool-" + runId + "-");
        } catch (IOException e) {
            throw new EventSinkException("cannot create a spool directory for run " + runId + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Builds the JSON serializer of the most frequent event now: the first spill encodes on the training thread, and
     * building a serializer there would cost that one publish tens of milliseconds.
     */
    private static void warmUpEncoding(String runId) {
        Topics.RUN_EVENTS.codec().encode(new EventEnvelope(new EventHeader("warm-up", runId, "warm-up", 0, 0,
                Instant.EPOCH), new StepCompleted(0, 0, 0, 1, 0, 0, 0, 0, false, false, List.of(0.0), 0L,
                Map.of("warm-up", 0.0), 0.0, 0.0, StepCompleted.ENERGY_ESTIMATED)));
    }

    static Properties properties(String bootstrap, String runId, KafkaSinkConfig config) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "coxswain-agent-" + runId + "-events");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.requestTimeout().toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.deliveryTimeout().toMillis());
        return props;
    }

    /**
     * Takes the event and returns at once (at most one small disk write when memory is full). Throws
     * {@link EventSinkException} only after {@link #close}.
     */
    @Override
    public void publish(EventEnvelope event) {
        Admission admission = backlog.offer(event);
        if (admission == Admission.CLOSED) {
            throw new EventSinkException("the event sink of run " + runId + " is closed; " + event.type() + " #"
                    + event.header().seq() + " was not taken", null);
        }
        if (admission != lastAdmission) {
            logChange(admission, event);
            lastAdmission = admission;
        }
        sender.offered();
    }

    /** Asks for everything published so far to be sent now rather than after the linger; does not wait. */
    @Override
    public void flush() {
        sender.hurry();
    }

    @Override
    public Optional<DropReport> dropReportBefore(RunEvent next) {
        return backlog.takeDrops(next);
    }

    /** Events published and not yet acknowledged by Kafka. */
    public long undelivered() {
        return backlog.undelivered();
    }

    /** Undelivered events in the disk spool. */
    public long onDisk() {
        return backlog.onDisk();
    }

    /** Closes after waiting up to the configured {@link KafkaSinkConfig#closeTimeout()}. */
    @Override
    public void close() {
        close(config.closeTimeout());
    }

    /**
     * Waits up to {@code timeout} for every event to be delivered, then stops the sender and writes what is left to
     * the spool, saying in the log how many events are pending. Never waits much longer than {@code timeout}.
     */
    public synchronized void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        sender.hurry();
        try {
            backlog.awaitDelivered(deadline);
            sender.stop();
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000) + STOP_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sender.stop();
        }
        if (thread.isAlive()) {
            LOG.warn("the event sender of run {} did not stop in time; closing its spool anyway", runId);
        }
        DropReport unreported = backlog.unreportedDrops();
        long pending = backlog.closeToDisk();
        if (!unreported.isEmpty()) {
            LOG.warn("run {} dropped {} events (seq {} to {}, {}) that no EventsDropped reports: {}", runId,
                    unreported.count(), unreported.firstSeq(), unreported.lastSeq(), unreported.byType(),
                    unreported.reason());
        }
        if (pending > 0) {
            LOG.warn("{} events of run {} not delivered to Kafka within {}; kept in {} and sent first by the next "
                    + "sink for this run", pending, runId, timeout, config.spoolDir());
        } else {
            LOG.info("every event of run {} delivered to Kafka", runId);
        }
    }

    private void logChange(Admission admission, EventEnvelope event) {
        switch (admission) {
            case SPILLED -> LOG.warn("events of run {} are not reaching Kafka fast enough: {} in memory, the oldest "
                    + "now go to disk in {}", runId, config.memoryEvents(), config.spoolDir());
            case DROPPED -> LOG.warn("memory and disk spool of run {} are full: dropping {} and other droppable "
                    + "events from #{} until there is room (EventsDropped will report them)", runId, event.type(),
                    event.header().seq());
            case KEPT_OVER_BOUND -> LOG.warn("memory and disk spool of run {} are full: keeping {} #{} in memory past "
                    + "the bound (never dropped)", runId, event.type(), event.header().seq());
            case QUEUED -> LOG.info("events of run {} fit in memory again", runId);
            case CLOSED -> throw new IllegalStateException("unreachable");
        }
    }
}
