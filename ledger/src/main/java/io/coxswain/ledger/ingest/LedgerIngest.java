package io.coxswain.ledger.ingest;

import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.LedgerConfig;
import io.coxswain.ledger.LedgerException;
import java.time.Clock;
import java.time.Duration;
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
    private final IngestCounters counters = new IngestCounters();
    private IngestLoop loop;
    private Thread thread;

    public LedgerIngest(LedgerConfig config) {
        this(config, Ledger.jdbi(config.jdbcUrl()));
    }

    /** With a {@link Jdbi} from {@link Ledger#jdbi} shared with other parts of the process. */
    public LedgerIngest(LedgerConfig config, Jdbi jdbi) {
        this.config = config;
        this.jdbi = jdbi;
    }

    /**
     * Starts the consumer thread and waits until the group assigned this instance its partitions, at most
     * {@link LedgerConfig#startTimeout()}.
     *
     * @return true when partitions were assigned in time; false when the thread goes on waiting in the background
     */
    public synchronized boolean start() {
        if (thread != null) {
            throw new IllegalStateException("ledger ingest of group " + config.groupId() + " is already started");
        }
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(ConsumerSettings.of(config), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw new LedgerException("cannot create the ledger consumer for " + config.bootstrap() + " (group "
                    + config.groupId() + "): " + e.getMessage(), e);
        }
        loop = new IngestLoop(consumer, config.groupId(), config.pollTimeout(), config.maxBackoff(),
                new RecordDecoder(Clock.systemUTC()), new BatchWriter(jdbi, config.groupId()),
                new StoredPositions(jdbi, config.groupId()), counters);
        thread = new Thread(loop, "coxswain-ledger-ingest-" + config.groupId());
        thread.setDaemon(true);
        thread.start();
        try {
            boolean assigned = loop.awaitAssignment(config.startTimeout());
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

    public IngestStats stats() {
        Thread t = thread;
        return counters.snapshot(t != null && t.isAlive());
    }

    public LedgerConfig config() {
        return config;
    }

    /** Stops after the batch in progress (committed or rolled back, never half) and closes the consumer. Bounded. */
    @Override
    public synchronized void close() {
        if (thread == null) {
            return;
        }
        loop.stop();
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
            if (thread.isAlive()) {
                LOG.warn("ledger ingest of group {} did not stop within {}; interrupting it", config.groupId(),
                        CLOSE_TIMEOUT);
                thread.interrupt();
                thread.join(CLOSE_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while closing the ledger ingest of group " + config.groupId(), e);
        }
    }
}
