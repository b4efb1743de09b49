package io.coxswain.streams.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coxswain.protocol.codec.Json;
import java.io.IOException;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Rule state in state stores, as JSON through the protocol's one mapper. Unreadable bytes throw, naming the type. */
public final class JsonSerde<T> implements Serde<T> {
    private static final ObjectMapper MAPPER = Json.mapper();
    private final Class<T> type;

    public JsonSerde(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private byte[] write(T value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type.getSimpleName() + " as JSON", e);
        }
    }

    private T read(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UnreadableStateException(type, e);
        }
    }
}
