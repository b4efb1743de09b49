package io.coxswain.agent.resume;

import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads back a run's own events from {@code coxswain.run-events}: its partition from a little before the
 * checkpoint's time to the end it had when reading began. Bounded in time; fails with {@link ResumeException}.
 */
public final class KafkaRunHistory {
    private static final Duration LOOKBACK = Duration.ofMinutes(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private KafkaRunHistory() {
    }

    public static RunHistory read(String bootstrap, String runId, long afterSeq, long checkpointStep,
                                  Instant checkpointTime) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "coxswain-agent-" + runId + "-history");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.RUN_EVENTS.name());
            if (partitions == null || partitions.isEmpty()) {
                throw new ResumeException("topic " + Topics.RUN_EVENTS.name() + " does not exist on " + bootstrap);
            }
            TopicPartition partition = new TopicPartition(Topics.RUN_EVENTS.name(),
                    Topic.partitionFor(runId, partitions.size()));
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(
                    Map.of(partition, checkpointTime.minus(LOOKBACK).toEpochMilli()));
            OffsetAndTimestamp start = from.get(partition);
            if (start == null) {
                consumer.seek(partition, end);
            } else {
                consumer.seek(partition, start.offset());
            }
            List<EventEnvelope> events = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new ResumeException("could not read back the events of run " + runId + " from "
                            + Topics.RUN_EVENTS.name() + " on " + bootstrap + " within " + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (runId.equals(record.key()) && record.value() != null
                            && Topics.RUN_EVENTS.codec().decode(record.value()) instanceof Decoded.Ok<EventEnvelope> ok
                            && ok.value().header().seq() > 0) {
                        events.add(ok.value());
                    }
                }
            }
            return RunHistory.of(events, afterSeq, checkpointStep);
        }
    }
}
