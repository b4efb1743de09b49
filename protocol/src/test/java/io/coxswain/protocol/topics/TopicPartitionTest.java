package io.coxswain.protocol.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A run's commands must land on the partition its agent reads, whichever client sent them. */
class TopicPartitionTest {

    @Test
    void agreesWithKafkasDefaultPartitionerForManyKeys() {
        Random random = new Random(20250314);
        List<String> keys = new ArrayList<>(List.of("", "r-1", "r-2", "ü-run-λ", "run/with spaces", "🚀"));
        for (int i = 0; i < 5_000; i++) {
            keys.add("r-" + Long.toHexString(random.nextLong()));
            keys.add(randomText(random));
        }

        for (int partitions : new int[] {1, 2, 3, 7, Topics.DEFAULT_PARTITIONS, 100}) {
            List<Integer> ours = keys.stream().map(k -> Topic.partitionFor(k, partitions)).toList();
            List<Integer> kafkas = keys.stream()
                    .map(k -> BuiltInPartitioner.partitionForKey(k.getBytes(StandardCharsets.UTF_8), partitions))
                    .toList();

            assertThat(ours).as("%d partitions", partitions).isEqualTo(kafkas);
        }
    }

    /**
     * Values from kafka-clients 4.1.2 {@code BuiltInPartitioner.partitionForKey}: a client in another language must
     * produce these (murmur2 of the UTF-8 run id, made positive, modulo the partition count).
     */
    @ParameterizedTest(name = "{0} on {1} partitions -> {2}")
    @CsvSource({
            "r-1, 12, 11",
            "r-2, 12, 11",
            "run-2025-01-31-resnet50, 12, 2",
            "'', 12, 9",
            "ü-run-λ, 12, 6",
            "0, 12, 8",
            "r-1, 3, 2",
            "ü-run-λ, 3, 0"})
    void putsKnownRunIdsOnKnownPartitions(String runId, int partitions, int expected) {
        assertThat(Topic.partitionFor(runId, partitions)).isEqualTo(expected);
    }

    private static String randomText(Random random) {
        int length = random.nextInt(40);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(random.nextInt(4) == 0 ? 0x80 + random.nextInt(0xD7FF - 0x80) : 0x20 + random.nextInt(95));
        }
        return text.toString();
    }
}
