package io.coxswain.agent.kafka;

import io.coxswain.agent.events.EventSink;
import io.coxswain.agent.events.EventSinkException;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a run's events on {@code coxswain.run-events}, keyed by run id. Tuned for low latency without giving up
 * durability or order: {@code linger.ms=1}, {@code acks=all}, idempotence on (retries cannot reorder or duplicate).
 * Sends are asynchronous; a failed delivery is reported by the next {@link #publish} or {@link #flush}.
 */
public final class KafkaEventSink implements EventSink {
    /**
     * Step events are batched for up to this long (one produce request per batch, not per step); the training loop
     * flushes right after answering commands, so answers never wait for it.
     */
    static final int LINGER_MS = 20;

    private final Producer<String, EventEnvelope> producer;
    private final String bootstrap;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaEventSink(String bootstrap, String runId) {
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(properties(bootstrap, runId), new StringSerializer(),
                Topics.RUN_EVENTS.valueSerializer());
    }

    static Properties properties(String bootstrap, String runId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "coxswain-agent-" + runId + "-events");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        return props;
    }

    @Override
    public void publish(EventEnvelope event) {
        throwIfFailed();
        try {
            producer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), event.runId(), event), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
        } catch (KafkaException e) {
            throw new EventSinkException("cannot publish " + event.type() + " #" + event.header().seq() + " of run "
                    + event.runId() + " to Kafka at " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() {
        try {
            producer.flush();
        } catch (KafkaException e) {
            throw new EventSinkException("cannot flush events to Kafka at " + bootstrap + ": " + e.getMessage(), e);
        }
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception error = failure.get();
        if (error != null) {
            throw new EventSinkException("an event could not be delivered to " + Topics.RUN_EVENTS.name()
                    + " on Kafka at " + bootstrap + ": " + error.getMessage(), error);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
