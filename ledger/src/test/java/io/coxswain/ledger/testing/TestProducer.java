package io.coxswain.ledger.testing;

import io.coxswain.protocol.topics.Topic;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A plain Kafka producer sending what agents and clients send: bytes from the protocol codecs, keyed by run id. */
public final class TestProducer implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong refused = new AtomicLong();

    public TestProducer(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends and waits for the broker's acknowledgement. */
    public <V> RecordMetadata send(Topic<V> topic, String runId, V value) {
        return sendBytes(topic.name(), runId, topic.codec().encode(value));
    }

    public RecordMetadata sendBytes(String topic, String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send to " + topic + " for key " + key, e.getCause());
        }
    }

    /** Sends without waiting; {@link #flush()} waits for all and fails when the broker refused any. */
    public <V> void sendLater(Topic<V> topic, String runId, V value) {
        producer.send(new ProducerRecord<>(topic.name(), runId, topic.codec().encode(value)), (metadata, e) -> {
            if (e != null) {
                refused.incrementAndGet();
            }
        });
    }

    public void flush() {
        producer.flush();
        if (refused.get() > 0) {
            throw new IllegalStateException("the broker refused " + refused.get() + " records");
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
