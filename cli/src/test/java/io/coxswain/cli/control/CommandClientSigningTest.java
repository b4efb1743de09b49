package io.coxswain.cli.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.signing.CommandSignature;
import io.coxswain.protocol.signing.SignatureCheck;
import io.coxswain.protocol.signing.SigningKey;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code cox set}/{@code cox trigger} put on the control topic, read back as an agent would. */
class CommandClientSigningTest {
    private static final int PARTITIONS = 3;
    private static final SigningKey KEY = SigningKey.of("0123456789abcdef-cli".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), PARTITIONS);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    private static ControlCommand checkpoint(String runId) {
        return new ControlCommand("cli-" + UUID.randomUUID(), runId, Instant.parse("2026-11-22T10:00:00Z"),
                CommandSource.user("t"), List.of(new Action.FireTrigger("checkpoint")), "test");
    }

    /** Sends with no agent listening: the command is published, then the wait for an answer times out. */
    private static ConsumerRecord<String, byte[]> sendAndReadBack(ControlCommand command, Optional<SigningKey> key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()), new StringDeserializer(),
                new ByteArrayDeserializer());
             CommandClient client = new CommandClient(kafka.bootstrap(), key)) {
            TopicPartition partition = new TopicPartition(Topics.CONTROL.name(),
                    Topic.partitionFor(command.runId(), PARTITIONS));
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);

            assertThatThrownBy(() -> client.send(command, Duration.ofMillis(500)))
                    .isInstanceOfSatisfying(CliException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.NO_ANSWER));

            return await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (command.runId().equals(record.key())) {
                        return record;
                    }
                }
                return null;
            }, r -> r != null);
        }
    }

    @Test
    void withAKeyTheCommandCarriesASignatureOfItsExactBytes() {
        ControlCommand command = checkpoint("signed-" + UUID.randomUUID());

        ConsumerRecord<String, byte[]> record = sendAndReadBack(command, Optional.of(KEY));

        assertThat(CommandSignature.verify(KEY, record.value(), record.headers()))
                .isEqualTo(new SignatureCheck.Valid());
        assertThat(Topics.CONTROL.codec().decode(record.value())).isEqualTo(new Decoded.Ok<>(command));
    }

    @Test
    void withoutAKeyTheCommandCarriesNoSignatureHeader() {
        ControlCommand command = checkpoint("unsigned-" + UUID.randomUUID());

        ConsumerRecord<String, byte[]> record = sendAndReadBack(command, Optional.empty());

        assertThat(record.headers().headers(CommandSignature.HEADER)).isEmpty();
        assertThat(Topics.CONTROL.codec().decode(record.value())).isEqualTo(new Decoded.Ok<>(command));
    }
}
