package io.coxswain.agent.kafka;

import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything one run has on coxswain.run-events right now, from the start of its partition to its end. */
final class RunEventsLog {
    private RunEventsLog() {
    }

    static List<EventEnvelope> read(String bootstrap, String runId, int partitions) {
        TopicPartition partition = new TopicPartition(Topics.RUN_EVENTS.name(), Topic.partitionFor(runId,
                partitions));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<EventEnvelope> events = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + partition + " to offset " + end + " in 30 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!runId.equals(record.key())) {
                        continue;
                    }
                    Decoded<EventEnvelope> decoded = Topics.RUN_EVENTS.codec().decode(record.value());
                    if (!(decoded instanceof Decoded.Ok<EventEnvelope> ok)) {
                        throw new AssertionError("undecodable record at offset " + record.offset() + ": " + decoded);
                    }
                    events.add(ok.value());
                }
            }
            return events;
        }
    }
}
