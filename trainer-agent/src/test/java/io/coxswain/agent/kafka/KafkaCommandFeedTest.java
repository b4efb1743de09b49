package io.coxswain.agent.kafka;

import static io.coxswain.agent.control.TestCommands.ALICE;
import static io.coxswain.agent.control.TestCommands.ISSUED;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.coxswain.agent.control.CommandFeedOptions;
import io.coxswain.agent.control.FeedStart;
import io.coxswain.agent.control.IncomingCommand;
import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.signing.CommandSignature;
import io.coxswain.protocol.signing.SigningKey;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The control feed against a real broker: signatures and where a resumed run starts reading. */
class KafkaCommandFeedTest {
    private static final int PARTITIONS = 4;
    private static final SigningKey KEY = SigningKey.of("0123456789abcdef0123".getBytes(StandardCharsets.US_ASCII));
    private static final SigningKey OTHER_KEY = SigningKey.of("another-key-0123456".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;
    private static KafkaProducer<String, byte[]> client;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), PARTITIONS);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        client = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopKafka() {
        client.close();
        kafka.close();
    }

    private static String newRun() {
        return "run-" + UUID.randomUUID();
    }

    private static ControlCommand stop(String runId, String commandId) {
        return new ControlCommand(commandId, runId, ISSUED, ALICE, List.of(new Action.FireTrigger("stop")), "test");
    }

    /** Publishes as any client would and returns the record's offset. */
    private static long publish(String key, byte[] value, RecordHeaders headers) throws Exception {
        return client.send(new ProducerRecord<>(Topics.CONTROL.name(), null, key, value, headers)).get(10, SECONDS)
                .offset();
    }

    private static long publish(ControlCommand command) throws Exception {
        return publish(command.runId(), Topics.CONTROL.codec().encode(command), new RecordHeaders());
    }

    private static long publishSigned(ControlCommand command, SigningKey key) throws Exception {
        byte[] value = Topics.CONTROL.codec().encode(command);
        RecordHeaders headers = new RecordHeaders();
        headers.add(CommandSignature.header(key, value));
        return publish(command.runId(), value, headers);
    }

    private static List<IncomingCommand> drainUntil(KafkaCommandFeed feed, int count) {
        List<IncomingCommand> received = new ArrayList<>();
        await().atMost(30, SECONDS).until(() -> {
            received.addAll(feed.drain());
            return received.size() >= count;
        });
        return received;
    }

    @Test
    void aSignedRunReceivesSignedCommandsAndRefusesUnsignedWronglySignedAndMalformedOnes() throws Exception {
        String runId = newRun();
        try (KafkaCommandFeed feed = new KafkaCommandFeed(kafka.bootstrap(), runId,
                CommandFeedOptions.signedWith(KEY))) {
            feed.start();
            ControlCommand signed = stop(runId, "c-signed");
            long signedAt = publishSigned(signed, KEY);
            long unsignedAt = publish(stop(runId, "c-unsigned"));
            long wrongAt = publishSigned(stop(runId, "c-wrong"), OTHER_KEY);
            RecordHeaders malformed = new RecordHeaders();
            malformed.add(new RecordHeader(CommandSignature.HEADER, "hmac-sha256=xyz".getBytes(StandardCharsets.UTF_8)));
            long malformedAt = publish(runId, Topics.CONTROL.codec().encode(stop(runId, "c-malformed")), malformed);

            assertThat(drainUntil(feed, 4)).containsExactly(
                    new IncomingCommand.Received(signed, signedAt),
                    new IncomingCommand.Unreadable("command is not signed: this run accepts only commands signed "
                            + "with HMAC-SHA256 in header coxswain-signature", "c-unsigned", unsignedAt),
                    new IncomingCommand.Unreadable("signature does not match the command: it was made with another "
                            + "key, or the value changed after signing", "c-wrong", wrongAt),
                    new IncomingCommand.Unreadable("malformed signature header: expected 64 hex digits after "
                            + "hmac-sha256=, got 3 characters", "c-malformed", malformedAt));
        }
    }

    @Test
    void anUnsignedRunIgnoresSignatures() throws Exception {
        String runId = newRun();
        try (KafkaCommandFeed feed = new KafkaCommandFeed(kafka.bootstrap(), runId)) {
            feed.start();
            ControlCommand unsigned = stop(runId, "c-1");
            ControlCommand signed = stop(runId, "c-2");
            long unsignedAt = publish(unsigned);
            long signedAt = publishSigned(signed, OTHER_KEY);

            assertThat(drainUntil(feed, 2)).containsExactly(new IncomingCommand.Received(unsigned, unsignedAt),
                    new IncomingCommand.Received(signed, signedAt));
        }
    }

    @Test
    void aResumedRunReceivesExactlyTheCommandsAfterTheGivenOffsetInOrder() throws Exception {
        String runId = newRun();
        List<ControlCommand> sent = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(stop(runId, "c-" + i));
            offsets.add(publish(sent.get(i)));
            publish(stop(newRun(), "other-" + i));
        }

        try (KafkaCommandFeed feed = new KafkaCommandFeed(kafka.bootstrap(), runId)) {
            assertThat(feed.start(FeedStart.afterOffset(offsets.get(1)))).isEqualTo(offsets.get(1) + 1);
            ControlCommand later = stop(runId, "c-later");
            long laterAt = publish(later);

            assertThat(drainUntil(feed, 4)).containsExactly(
                    new IncomingCommand.Received(sent.get(2), offsets.get(2)),
                    new IncomingCommand.Received(sent.get(3), offsets.get(3)),
                    new IncomingCommand.Received(sent.get(4), offsets.get(4)),
                    new IncomingCommand.Received(later, laterAt));
        }
    }

    @Test
    void aNewRunSkipsCommandsSentBeforeItStarted() throws Exception {
        String runId = newRun();
        publish(stop(runId, "c-before"));

        try (KafkaCommandFeed feed = new KafkaCommandFeed(kafka.bootstrap(), runId)) {
            long start = feed.start();
            ControlCommand after = stop(runId, "c-after");
            long afterAt = publish(after);

            assertThat(afterAt).isEqualTo(start);
            assertThat(drainUntil(feed, 1)).containsExactly(new IncomingCommand.Received(after, afterAt));
        }
    }

    @Test
    void aResumedRunWhoseOffsetRetentionDeletedStartsFromTheEarliestAndWarnsNamingBothOffsets() throws Exception {
        String runId = newRun();
        List<ControlCommand> sent = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(stop(runId, "c-" + i));
            offsets.add(publish(sent.get(i)));
        }
        TopicPartition partition = new TopicPartition(Topics.CONTROL.name(), Topic.partitionFor(runId, PARTITIONS));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(offsets.get(2)))).all().get(10, SECONDS);
        }
        Logger logger = (Logger) LoggerFactory.getLogger(KafkaCommandFeed.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);

        try (KafkaCommandFeed feed = new KafkaCommandFeed(kafka.bootstrap(), runId)) {
            assertThat(feed.start(FeedStart.afterOffset(offsets.get(0)))).isEqualTo(offsets.get(2));

            assertThat(drainUntil(feed, 2)).containsExactly(
                    new IncomingCommand.Received(sent.get(2), offsets.get(2)),
                    new IncomingCommand.Received(sent.get(3), offsets.get(3)));
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("run " + runId + ": asked to read " + partition + " after offset " + offsets.get(0)
                        + " but its earliest offset is now " + offsets.get(2) + " (retention deleted older records): "
                        + "reading from " + offsets.get(2) + "; commands at offsets " + (offsets.get(0) + 1) + " to "
                        + (offsets.get(2) - 1) + " are lost");
    }
}
