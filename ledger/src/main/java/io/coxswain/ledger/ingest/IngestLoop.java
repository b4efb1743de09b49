package io.coxswain.ledger.ingest;

import io.coxswain.ledger.store.StoredOffset;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread: polls both topics, stores each batch in one transaction, and after any failure pauses its
 * partitions, waits (bounded, increasing), moves back to the offsets stored in the database and tries again.
 * Only this thread touches the consumer, except {@link #stop()}, which wakes it.
 */
final class IngestLoop implements Runnable, ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);
    private static final Duration CONSUMER_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    /** Which of the instance's consumers this loop drives, from 0. */
    private final int index;
    private final String groupId;
    private final Duration pollTimeout;
    private final RecordDecoder decoder;
    private final BatchWriter writer;
    private final StoredPositions positions;
    private final IngestCounters counters;
    private final Backoff backoff;
    private final CountDownLatch firstAssignment = new CountDownLatch(1);
    /** Partitions whose consumer position may differ from the stored offset; paused until moved back. */
    private final Set<TopicPartition> untrusted = new HashSet<>();
    private volatile boolean running = true;
    private long retryAtNanos;

    IngestLoop(Consumer<byte[], byte[]> consumer, int index, String groupId, Duration pollTimeout,
               Duration maxBackoff, RecordDecoder decoder, BatchWriter writer, StoredPositions positions,
               IngestCounters counters) {
        this.consumer = consumer;
        this.index = index;
        this.groupId = groupId;
        this.pollTimeout = pollTimeout;
        this.decoder = decoder;
        this.writer = writer;
        this.positions = positions;
        this.counters = counters;
        this.backoff = new Backoff(maxBackoff);
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), this);
            while (running) {
                step();
            }
        } catch (RuntimeException | Error e) {
            counters.failed(Failures.describe(e));
            LOG.error("ledger ingest of group {} stopped; restart it to go on from the stored offsets: {}", groupId,
                    Failures.describe(e), e);
        } finally {
            writer.close();
            closeConsumer();
        }
    }

    private void closeConsumer() {
        try {
            consumer.close(CloseOptions.timeout(CONSUMER_CLOSE_TIMEOUT));
            LOG.info("ledger ingest of group {} closed its consumer", groupId);
        } catch (RuntimeException e) {
            LOG.warn("ledger ingest of group {} could not close its consumer cleanly; the group rebalances when its"
                    + " session times out: {}", groupId, Failures.describe(e), e);
        }
    }

    boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return firstAssignment.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks the loop to end after the batch in progress; the thread closes the consumer. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    private void step() {
        try {
            if (!untrusted.isEmpty() && System.nanoTime() - retryAtNanos >= 0) {
                restorePositions();
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(nextWait());
            if (!records.isEmpty()) {
                store(records);
            }
        } catch (RuntimeException e) {
            if (running) {
                failed(e, consumer.assignment());
            } else if (!(e instanceof WakeupException)) {
                LOG.warn("ledger ingest of group {} stopped with a batch not stored, which the next start reads"
                        + " again: {}", groupId, Failures.describe(e));
            }
        }
    }

    private Duration nextWait() {
        if (untrusted.isEmpty()) {
            return pollTimeout;
        }
        long untilRetry = Math.max(1, TimeUnit.NANOSECONDS.toMillis(retryAtNanos - System.nanoTime()));
        return Duration.ofMillis(Math.min(untilRetry, pollTimeout.toMillis()));
    }

    private void restorePositions() {
        Set<TopicPartition> partitions = new HashSet<>(untrusted);
        partitions.retainAll(consumer.assignment());
        positions.seek(consumer, partitions);
        consumer.resume(partitions);
        untrusted.clear();
        LOG.info("ledger ingest of group {} reads {} again from the stored offsets", groupId, partitions);
    }

    private void store(ConsumerRecords<byte[], byte[]> records) {
        List<Incoming> batch = new ArrayList<>(records.count());
        List<StoredOffset> nextOffsets = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> part = records.records(partition);
            part.forEach(r -> batch.add(decoder.decode(r)));
            long next = part.get(part.size() - 1).offset() + 1;
            nextOffsets.add(new StoredOffset(partition.topic(), partition.partition(), next));
            commits.put(partition, new OffsetAndMetadata(next));
        }
        long writeStart = System.nanoTime();
        BatchOutcome outcome = writer.write(batch, nextOffsets);
        counters.committed(outcome, System.nanoTime() - writeStart);
        backoff.reset();
        outcome.quarantined().forEach(q -> LOG.warn("quarantined {}-{}@{} (run {}): {}", q.sourceTopic(),
                q.sourcePartition(), q.sourceOffset(), q.runId() == null ? "unknown" : q.runId(), q.reason()));
        consumer.commitAsync(commits, (offsets, e) -> {
            if (e != null) {
                LOG.warn("ledger ingest of group {} could not copy offsets {} to Kafka (the database has them): {}",
                        groupId, offsets, Failures.describe(e));
            }
        });
    }

    /** Pauses the partitions, to be moved back to their stored offsets once the backoff has passed. */
    private void failed(RuntimeException e, Collection<TopicPartition> partitions) {
        String description = Failures.describe(e);
        counters.failed(description);
        Duration wait = backoff.next();
        consumer.pause(partitions);
        untrusted.addAll(partitions);
        retryAtNanos = System.nanoTime() + wait.toNanos();
        String message = "ledger ingest of group {} failed (attempt {}), nothing of the batch is kept; reading {}"
                + " again from the stored offsets in {} ms: {}";
        if (backoff.failures() == 1 || backoff.failures() % 10 == 0) {
            LOG.error(message, groupId, backoff.failures(), partitions, wait.toMillis(), description, e);
        } else {
            LOG.error(message, groupId, backoff.failures(), partitions, wait.toMillis(), description);
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        counters.assigned(index, consumer.assignment().size());
        try {
            positions.seek(consumer, partitions);
        } catch (RuntimeException e) {
            failed(e, partitions);
        } finally {
            firstAssignment.countDown();
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        untrusted.removeAll(partitions);
        counters.assigned(index, Math.max(0, consumer.assignment().size() - partitions.size()));
    }
}
