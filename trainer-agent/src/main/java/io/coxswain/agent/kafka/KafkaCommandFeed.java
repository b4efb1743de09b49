package io.coxswain.agent.kafka;

import io.coxswain.agent.control.CommandAdmission;
import io.coxswain.agent.control.CommandFeed;
import io.coxswain.agent.control.CommandFeedException;
import io.coxswain.agent.control.CommandFeedOptions;
import io.coxswain.agent.control.FeedPosition;
import io.coxswain.agent.control.FeedStart;
import io.coxswain.agent.control.IncomingCommand;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a run's commands from {@code coxswain.control} on a background thread. It assigns itself only the
 * partition the run id maps to (no consumer group), starts at the end of it (a new run) or right after a given
 * offset (a resumed run), and queues the run's records for the training thread; other runs' records on the same
 * partition are skipped. With a signing key, the run's records must carry a valid signature
 * ({@link CommandAdmission}). {@link #start(FeedStart)} returns once the position is fixed, so a command sent after
 * that is never missed.
 */
public final class KafkaCommandFeed implements CommandFeed {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaCommandFeed.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrap;
    private final String runId;
    private final CommandFeedOptions options;
    private final LinkedBlockingQueue<IncomingCommand> queue = new LinkedBlockingQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CompletableFuture<Long> positioned = new CompletableFuture<>();
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private FeedStart from;
    private Thread thread;

    /** A feed that does not check signatures. */
    public KafkaCommandFeed(String bootstrap, String runId) {
        this(bootstrap, runId, CommandFeedOptions.UNSIGNED);
    }

    public KafkaCommandFeed(String bootstrap, String runId, CommandFeedOptions options) {
        this.bootstrap = bootstrap;
        this.runId = runId;
        this.options = options;
    }

    static Properties properties(String bootstrap, String runId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "coxswain-agent-" + runId + "-control");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only if retention deletes records the feed has not read yet: read what is left rather than skip to the end.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return props;
    }

    @Override
    public synchronized long start(FeedStart from) {
        if (thread != null) {
            throw new IllegalStateException("the control feed of run " + runId + " is already started");
        }
        this.from = from;
        consumer = new KafkaConsumer<>(properties(bootstrap, runId), new StringDeserializer(),
                new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::readLoop, "coxswain-control-" + runId);
        thread.setDaemon(true);
        thread.start();
        try {
            long offset = positioned.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.debug("run {} reads commands from offset {} ({})", runId, offset, from);
            return offset;
        } catch (ExecutionException e) {
            throw new CommandFeedException("cannot read commands of run " + runId + " from " + Topics.CONTROL.name()
                    + " on Kafka at " + bootstrap + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            consumer.wakeup();
            throw new CommandFeedException("could not position on " + Topics.CONTROL.name() + " for run " + runId
                    + " on Kafka at " + bootstrap + " within " + START_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFeedException("interrupted while starting the control feed of run " + runId, e);
        }
    }

    private void readLoop() {
        try (KafkaConsumer<String, byte[]> c = consumer) {
            TopicPartition partition = partition(c);
            c.assign(List.of(partition));
            c.seek(partition, position(c, partition));
            positioned.complete(c.position(partition));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                    CommandAdmission.admit(runId, options, record.key(), record.value(), record.headers(),
                            record.offset()).ifPresent(queue::add);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    private long position(KafkaConsumer<String, byte[]> c, TopicPartition partition) {
        long beginning = c.beginningOffsets(List.of(partition)).get(partition);
        long end = c.endOffsets(List.of(partition)).get(partition);
        FeedPosition position = FeedPosition.of(from, partition.toString(), beginning, end);
        position.warning().ifPresent(warning -> LOG.warn("run {}: {}", runId, warning));
        return position.offset();
    }

    private TopicPartition partition(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> partitions = c.partitionsFor(Topics.CONTROL.name());
        if (partitions == null || partitions.isEmpty()) {
            throw new MissingTopicsException(bootstrap, Set.of(Topics.CONTROL.name()));
        }
        return new TopicPartition(Topics.CONTROL.name(), Topic.partitionFor(runId, partitions.size()));
    }

    private void fail(Throwable e) {
        LOG.error("control feed of run {} stopped", runId, e);
        failure.compareAndSet(null, e);
        positioned.completeExceptionally(e);
    }

    @Override
    public List<IncomingCommand> drain() {
        Throwable error = failure.get();
        if (error != null) {
            throw new CommandFeedException("the control feed of run " + runId + " stopped reading "
                    + Topics.CONTROL.name() + " on Kafka at " + bootstrap + ": " + error.getMessage(), error);
        }
        List<IncomingCommand> drained = new ArrayList<>();
        queue.drainTo(drained);
        return drained;
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread == null) {
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("control feed thread of run {} did not stop within 10 s", runId);
        }
    }
}
