package io.coxswain.bench;

import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** One run's events read from {@code coxswain.run-events} from the beginning, each with when it was seen here. */
final class RunEventsTail implements AutoCloseable {
    /** An event and {@link System#nanoTime()} when this reader got it. */
    record Seen(EventEnvelope envelope, long nanos) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicPartition partition;
    private final String runId;
    private final List<Seen> seen = new ArrayList<>();
    private int next;

    RunEventsTail(String bootstrap, String runId) {
        this.runId = runId;
        this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "fetch.max.wait.ms", 10),
                new StringDeserializer(), new ByteArrayDeserializer());
        int partitions = consumer.partitionsFor(Topics.RUN_EVENTS.name()).size();
        this.partition = new TopicPartition(Topics.RUN_EVENTS.name(), Topic.partitionFor(runId, partitions));
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    /** The next event (after those returned before) matching {@code test}, waiting up to {@code timeout}. */
    Seen next(Predicate<EventEnvelope> test, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (; next < seen.size(); next++) {
                if (test.test(seen.get(next).envelope())) {
                    return seen.get(next++);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no matching event of run " + runId + " within " + timeout);
            }
            poll();
        }
    }

    /** Reads to the partition's current end; returns every event of the run seen so far. */
    List<Seen> readToEnd() {
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        while (consumer.position(partition) < end) {
            poll();
        }
        return List.copyOf(seen);
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
            long now = System.nanoTime();
            if (runId.equals(r.key())
                    && Topics.RUN_EVENTS.codec().decode(r.value()) instanceof Decoded.Ok<EventEnvelope> ok) {
                seen.add(new Seen(ok.value(), now));
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
