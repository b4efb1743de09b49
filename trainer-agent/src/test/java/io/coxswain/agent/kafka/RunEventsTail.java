package io.coxswain.agent.kafka;

import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads one run's events from coxswain.run-events from the beginning, as any consumer would, on its own thread. */
final class RunEventsTail implements AutoCloseable {
    private final List<EventEnvelope> events = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> problem = new AtomicReference<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    RunEventsTail(String bootstrap, String runId, int partitions) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        TopicPartition partition = new TopicPartition(Topics.RUN_EVENTS.name(), Topic.partitionFor(runId, partitions));
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        thread = new Thread(() -> {
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        if (!runId.equals(record.key())) {
                            continue;
                        }
                        Decoded<EventEnvelope> decoded = Topics.RUN_EVENTS.codec().decode(record.value());
                        if (decoded instanceof Decoded.Ok<EventEnvelope> ok) {
                            events.add(ok.value());
                        } else {
                            problem.compareAndSet(null, decoded.toString());
                        }
                    }
                }
            } catch (WakeupException e) {
                if (running) {
                    problem.compareAndSet(null, e.toString());
                }
            } finally {
                consumer.close();
            }
        }, "run-events-tail-" + runId);
        thread.start();
    }

    List<EventEnvelope> events() {
        return List.copyOf(events);
    }

    <T extends RunEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().map(EventEnvelope::event).filter(type::isInstance).map(type::cast).toList();
    }

    /** Why a record could not be decoded, if one could not; null while all were fine. */
    String problem() {
        return problem.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
