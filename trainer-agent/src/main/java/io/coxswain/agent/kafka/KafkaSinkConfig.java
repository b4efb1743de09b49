package io.coxswain.agent.kafka;

import io.coxswain.agent.config.InvalidConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link KafkaEventSink} holds events that Kafka has not taken yet. Validated when built.
 *
 * @param spoolDir        where events go past the memory bound, e.g. {@code <checkpointDir>/<runId>/spool}; one
 *                        sink per directory at a time; a new sink sends what an earlier one left there first
 * @param memoryEvents    undelivered events kept in memory (default 10 000) before the oldest move to disk
 * @param diskBytes       bytes the spool may take (default 256 MiB) before droppable events are dropped
 * @param segmentBytes    size of one spool file (default 8 MiB); delivered files are deleted whole
 * @param maxInFlight     events handed to the Kafka producer and not yet acknowledged (default 1 000)
 * @param linger          how long events wait to be sent together (default 20 ms) unless {@code flush()} hurries them
 * @param deliveryTimeout how long the producer itself retries a batch (default 2 min) before the sink resends it,
 *                        in order, with a new producer; a long timeout keeps resends inside one idempotent producer
 *                        session, where Kafka removes duplicates
 * @param closeTimeout    how long {@code close()} waits for delivery (default 10 s) before leaving the rest on disk
 */
public record KafkaSinkConfig(Path spoolDir, int memoryEvents, long diskBytes, long segmentBytes, int maxInFlight,
                              Duration linger, Duration deliveryTimeout, Duration closeTimeout) {
    public static final int DEFAULT_MEMORY_EVENTS = 10_000;
    public static final long DEFAULT_DISK_BYTES = 256L * 1024 * 1024;
    public static final long DEFAULT_SEGMENT_BYTES = 8L * 1024 * 1024;
    public static final int DEFAULT_MAX_IN_FLIGHT = 1_000;
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(20);
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofMinutes(2);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** The spool's directory under a run's checkpoint directory. */
    public static final String SPOOL_DIR = "spool";

    public KafkaSinkConfig {
        List<String> problems = new ArrayList<>();
        if (spoolDir == null) {
            problems.add("spoolDir is required");
        }
        if (memoryEvents < 1) {
            problems.add("memoryEvents must be at least 1, got " + memoryEvents);
        }
        if (segmentBytes < 64) {
            problems.add("segmentBytes must be at least 64, got " + segmentBytes);
        }
        if (diskBytes < segmentBytes) {
            problems.add("diskBytes (" + diskBytes + ") must be at least segmentBytes (" + segmentBytes + ")");
        }
        if (maxInFlight < 1) {
            problems.add("maxInFlight must be at least 1, got " + maxInFlight);
        }
        requireNonNegative(problems, "linger", linger);
        requireNonNegative(problems, "closeTimeout", closeTimeout);
        if (deliveryTimeout == null || deliveryTimeout.toMillis() < 100
                || deliveryTimeout.toMillis() > Integer.MAX_VALUE) {
            problems.add("deliveryTimeout must be between 100 ms and " + Integer.MAX_VALUE + " ms, got "
                    + deliveryTimeout);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(null, problems);
        }
    }

    /** The defaults, spooling to {@code spoolDir}. */
    public static KafkaSinkConfig defaults(Path spoolDir) {
        return new KafkaSinkConfig(spoolDir, DEFAULT_MEMORY_EVENTS, DEFAULT_DISK_BYTES, DEFAULT_SEGMENT_BYTES,
                DEFAULT_MAX_IN_FLIGHT, DEFAULT_LINGER, DEFAULT_DELIVERY_TIMEOUT, DEFAULT_CLOSE_TIMEOUT);
    }

    /** The defaults for a run whose checkpoints go to {@code runCheckpointDir}: spool in its {@value #SPOOL_DIR}. */
    public static KafkaSinkConfig forRun(Path runCheckpointDir) {
        return defaults(runCheckpointDir.resolve(SPOOL_DIR));
    }

    public KafkaSinkConfig withMemoryEvents(int value) {
        return new KafkaSinkConfig(spoolDir, value, diskBytes, segmentBytes, maxInFlight, linger, deliveryTimeout,
                closeTimeout);
    }

    public KafkaSinkConfig withDisk(long bytes, long segment) {
        return new KafkaSinkConfig(spoolDir, memoryEvents, bytes, segment, maxInFlight, linger, deliveryTimeout,
                closeTimeout);
    }

    public KafkaSinkConfig withMaxInFlight(int value) {
        return new KafkaSinkConfig(spoolDir, memoryEvents, diskBytes, segmentBytes, value, linger, deliveryTimeout,
                closeTimeout);
    }

    public KafkaSinkConfig withLinger(Duration value) {
        return new KafkaSinkConfig(spoolDir, memoryEvents, diskBytes, segmentBytes, maxInFlight, value,
                deliveryTimeout, closeTimeout);
    }

    public KafkaSinkConfig withDeliveryTimeout(Duration value) {
        return new KafkaSinkConfig(spoolDir, memoryEvents, diskBytes, segmentBytes, maxInFlight, linger, value,
                closeTimeout);
    }

    public KafkaSinkConfig withCloseTimeout(Duration value) {
        return new KafkaSinkConfig(spoolDir, memoryEvents, diskBytes, segmentBytes, maxInFlight, linger,
                deliveryTimeout, value);
    }

    /** The producer's request timeout: at most 10 s, and within the delivery timeout as Kafka requires. */
    Duration requestTimeout() {
        Duration half = deliveryTimeout.dividedBy(2);
        return half.compareTo(Duration.ofSeconds(10)) < 0 ? half : Duration.ofSeconds(10);
    }

    private static void requireNonNegative(List<String> problems, String name, Duration value) {
        if (value == null || value.isNegative()) {
            problems.add(name + " must be zero or more, got " + value);
        }
    }
}
