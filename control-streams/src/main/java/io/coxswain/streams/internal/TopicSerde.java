package io.coxswain.streams.internal;

import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.topics.Topic;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serde of a protocol {@link Topic}, for the sinks of the topology. Sources read bytes and decode them
 * with the codec instead, so that a bad record goes to the dead-letter topic; this deserializer throws on one.
 */
public final class TopicSerde<V> implements Serde<V> {
    private final Topic<V> topic;

    public TopicSerde(Topic<V> topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public Serializer<V> serializer() {
        return topic.valueSerializer();
    }

    @Override
    public Deserializer<V> deserializer() {
        return (name, bytes) -> {
            if (bytes == null) {
                return null;
            }
            Decoded<V> decoded = topic.codec().decode(bytes);
            if (decoded instanceof Decoded.Ok<V> ok) {
                return ok.value();
            }
            Decoded.Failure<V> failure = (Decoded.Failure<V>) decoded;
            throw new UndecodableRecordException(topic.name(), failure.runId(), failure.reason());
        };
    }
}
