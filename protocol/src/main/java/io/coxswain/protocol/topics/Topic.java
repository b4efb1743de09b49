package io.coxswain.protocol.topics;

import io.coxswain.protocol.codec.Codec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

/**
 * A Kafka topic declared once: its name, its value codec, and its key (always the run id, a UTF-8 string).
 * Producers use {@link #valueSerializer()}; consumers read bytes and call {@code codec().decode}, which never throws,
 * so a bad record can never kill a consumer loop.
 */
public record Topic<V>(String name, Codec<V> codec) {

    public Serializer<V> valueSerializer() {
        return (topic, value) -> value == null ? null : codec.encode(value);
    }

    /** The partition a run's records land on with Kafka's default partitioner (murmur2 of the key). */
    public static int partitionFor(String runId, int partitions) {
        return Utils.toPositive(Utils.murmur2(runId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
