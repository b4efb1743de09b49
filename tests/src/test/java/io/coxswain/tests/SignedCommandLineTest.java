package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.cli.Cox;
import io.coxswain.cli.ExitCodes;
import io.coxswain.protocol.signing.CommandSignature;
import io.coxswain.protocol.signing.SignatureCheck;
import io.coxswain.protocol.signing.SigningKey;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code cox set}/{@code cox trigger} with and without a signing key, read back from the control topic. */
@ExtendWith(SharedStack.class)
class SignedCommandLineTest {
    private static StackFixture stack;
    private static AgentThread agent;
    private static String runId;
    private static Path keyFile;

    @BeforeAll
    static void startRun(StackFixture shared) throws Exception {
        stack = shared;
        runId = "signed-cli-" + UUID.randomUUID().toString().substring(0, 8);
        keyFile = Files.writeString(Files.createTempDirectory("cox-key").resolve("signing.key"),
                "3f9c2a7d8e1b4c6f0a5d9e2b7c1f4a8d\n");
        agent = AgentThread.start(stack.bootstrap(), runId, 1_000_000, stack.home().resolve("ckpt-signed"));
        stack.awaitRows("SELECT 1 FROM runs WHERE run_id = ?", runId, 1);
    }

    @AfterAll
    static void stopRun() throws Exception {
        agent.close();
    }

    @Test
    void setWithAKeyFilePublishesACommandWhoseSignatureVerifies() {
        ConsumerRecord<String, byte[]> record = sentBy("set", runId, "learning_rate=0.002",
                "--signing-key-file", keyFile.toString());

        assertThat(CommandSignature.verify(SigningKey.read(keyFile), record.value(), record.headers()))
                .isEqualTo(new SignatureCheck.Valid());
    }

    @Test
    void triggerWithoutAKeyPublishesNoSignatureHeader() {
        ConsumerRecord<String, byte[]> record = sentBy("trigger", runId, "evaluate");

        assertThat(record.headers().headers(CommandSignature.HEADER)).isEmpty();
    }

    @Test
    void aMissingKeyFileIsAUsageErrorAndNothingIsSent() {
        Path missing = keyFile.resolveSibling("missing.key");

        Result r = cox("set", runId, "learning_rate=0.003", "--signing-key-file", missing.toString());

        assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err).contains("the signing key file " + missing + " does not exist (from --signing-key-file)");
    }

    /** Runs cox (which must succeed) and returns the one control record it published for the run. */
    private static ConsumerRecord<String, byte[]> sentBy(String... args) {
        try (KafkaConsumer<String, byte[]> control = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            int partitions = control.partitionsFor(Topics.CONTROL.name()).size();
            TopicPartition tp = new TopicPartition(Topics.CONTROL.name(), Topic.partitionFor(runId, partitions));
            control.assign(List.of(tp));
            control.seekToEnd(List.of(tp));
            control.position(tp);

            Result r = cox(args);
            assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.OK);

            List<ConsumerRecord<String, byte[]>> sent = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                control.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (runId.equals(record.key())) {
                        sent.add(record);
                    }
                });
                return !sent.isEmpty();
            });
            assertThat(sent).hasSize(1);
            return sent.get(0);
        }
    }

    private static Result cox(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", stack.bootstrap(), "--jdbc", stack.jdbc()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cmd = Cox.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {
    }
}
