package io.coxswain.web.control;

import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one run's events from its partition of the run-events topic, from the end as it was when opened (so nothing
 * published after opening is missed). No consumer group: nothing is committed. Not thread-safe.
 */
final class RunEventsConsumer implements AutoCloseable {
    private static final Duration METADATA_WAIT = Duration.ofSeconds(5);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String runId;

    RunEventsConsumer(String bootstrap, String runId) {
        this.runId = runId;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) METADATA_WAIT.toMillis(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100),
                new StringDeserializer(), new ByteArrayDeserializer());
        try {
            TopicPartition partition = partition(bootstrap);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    private TopicPartition partition(String bootstrap) {
        int partitions;
        try {
            partitions = consumer.partitionsFor(Topics.RUN_EVENTS.name(), METADATA_WAIT).size();
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka unreachable at " + bootstrap + ": no metadata for topic "
                    + Topics.RUN_EVENTS.name() + " within " + METADATA_WAIT.toSeconds() + " s", e);
        }
        if (partitions == 0) {
            throw new KafkaUnavailableException("topic " + Topics.RUN_EVENTS.name() + " does not exist on "
                    + bootstrap, null);
        }
        return new TopicPartition(Topics.RUN_EVENTS.name(), Topic.partitionFor(runId, partitions));
    }

    /** The run's decodable events that arrived within {@code wait}; other runs' and undecodable records skipped. */
    List<EventEnvelope> poll(Duration wait) {
        List<EventEnvelope> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
            if (runId.equals(record.key())
                    && Topics.RUN_EVENTS.codec().decode(record.value()) instanceof Decoded.Ok<EventEnvelope> ok
                    && runId.equals(ok.value().runId())) {
                events.add(ok.value());
            }
        }
        return events;
    }

    /** Makes a blocked {@link #poll} return; callable from any thread. */
    void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
