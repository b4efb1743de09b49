package io.coxswain.ledger.ingest;

import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.LedgerConfig;
import io.coxswain.ledger.LedgerException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code coxswain.run-events} and {@code coxswain.control} into the ledger database, one transaction per
 * poll batch, resuming from the offsets stored with the rows. The schema must be migrated first
 * ({@link Ledger#migrate}). Several instances with the same group id share the partitions.
 */
public final class LedgerIngest implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerIngest.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    private final LedgerConfig config;
    private final Jdbi jdbi;
    private final IngestCounters counters;
    private volatile List<IngestLoop> loops = List.of();
    private volatile List<Thread> threads = List.of();

    public LedgerIngest(LedgerConfig config) {
        this(config, Ledger.jdbi(config.jdbcUrl()));
    }

    /** With a {@link Jdbi} from {@link Ledger#jdbi} shared with other parts of the process. */
    public LedgerIngest(LedgerConfig config, Jdbi jdbi) {
        this.config = config;
        this.jdbi = jdbi;
        this.counters = new IngestCounters(config.consumers());
    }

    /**
     * Starts the consumer threads ({@link LedgerConfig#consumers()}) and waits until the group assigned each its
     * partitions, at most {@link LedgerConfig#startTimeout()} in all.
     *
     * @return true when partitions were assigned in time; false when the threads go on waiting in the background
     */
    public synchronized boolean start() {
        if (!threads.isEmpty()) {
            throw new IllegalStateException("ledger ingest of group " + config.groupId() + " is already started");
        }
        List<IngestLoop> newLoops = new ArrayList<>();
        List<Thread> newThreads = new ArrayList<>();
        for (int i = 0; i < config.consumers(); i++) {
            IngestLoop loop = new IngestLoop(consumer(), i, config.groupId(), config.pollTimeout(),
                    config.maxBackoff(), new RecordDecoder(Clock.systemUTC()), new BatchWriter(jdbi, config.groupId()),
                    new StoredPositions(jdbi, config.groupId()), counters);
            Thread thread = new Thread(loop, "coxswain-ledger-ingest-" + config.groupId()
                    + (config.consumers() > 1 ? "-" + i : ""));
            thread.setDaemon(true);
            newLoops.add(loop);
            newThreads.add(thread);
        }
        loops = List.copyOf(newLoops);
        threads = List.copyOf(newThreads);
        threads.forEach(Thread::start);
        try {
            long deadline = System.nanoTime() + config.startTimeout().toNanos();
            boolean assigned = true;
            for (IngestLoop loop : loops) {
                assigned &= loop.awaitAssignment(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
            if (!assigned) {
                LOG.warn("ledger ingest of group {} got no partitions from {} within {}; it keeps trying",
                        config.groupId(), config.bootstrap(), config.startTimeout());
            }
            return assigned;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while the ledger ingest of group " + config.groupId()
                    + " waited for its partitions", e);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        try {
            return new KafkaConsumer<>(ConsumerSettings.of(config), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw new LedgerException("cannot create the ledger consumer for " + config.bootstrap() + " (group "
                    + config.groupId() + "): " + e.getMessage(), e);
        }
    }

    /** What it has done; {@code running} while every consumer thread is alive. */
    public IngestStats stats() {
        List<Thread> started = threads;
        return counters.snapshot(!started.isEmpty() && started.stream().allMatch(Thread::isAlive));
    }

    public LedgerConfig config() {
        return config;
    }

    /** Stops after the batches in progress (committed or rolled back, never half) and closes the consumers. Bounded. */
    @Override
    public synchronized void close() {
        loops.forEach(IngestLoop::stop);
        try {
            long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
            for (Thread thread : threads) {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            for (Thread thread : threads) {
                if (thread.isAlive()) {
                    LOG.warn("ledger ingest thread {} did not stop within {}; interrupting it", thread.getName(),
                            CLOSE_TIMEOUT);
                    thread.interrupt();
                    thread.join(CLOSE_TIMEOUT.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while closing the ledger ingest of group " + config.groupId(), e);
        }
    }
}
