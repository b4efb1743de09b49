package io.coxswain.tests;

import static org.awaitility.Awaitility.await;

import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads one run's events from {@code coxswain.run-events}, from the beginning, as any outside consumer would. */
final class RunEventsReader implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final String runId;
    private final List<EventEnvelope> seen = new CopyOnWriteArrayList<>();

    RunEventsReader(String bootstrap, String runId) {
        this.runId = runId;
        this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap), new StringDeserializer(),
                new ByteArrayDeserializer());
        int partitions = consumer.partitionsFor(Topics.RUN_EVENTS.name()).size();
        TopicPartition tp = new TopicPartition(Topics.RUN_EVENTS.name(), Topic.partitionFor(runId, partitions));
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
    }

    /** Polls until an event of type {@code type} matching {@code test} arrives (at most 60 s) and returns it. */
    <T extends RunEvent> EventEnvelope awaitEvent(Class<T> type, Predicate<EventEnvelope> test) {
        List<EventEnvelope> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
            poll();
            first(type, test).ifPresent(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    <T extends RunEvent> Optional<EventEnvelope> first(Class<T> type, Predicate<EventEnvelope> test) {
        return seen.stream().filter(e -> type.isInstance(e.event())).filter(test).findFirst();
    }

    List<EventEnvelope> seen() {
        return List.copyOf(seen);
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            if (runId.equals(r.key()) && Topics.RUN_EVENTS.codec().decode(r.value()) instanceof Decoded.Ok<EventEnvelope> ok) {
                seen.add(ok.value());
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
