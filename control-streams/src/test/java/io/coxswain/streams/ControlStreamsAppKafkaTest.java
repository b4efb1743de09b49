package io.coxswain.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.commands.Triggers;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.config.ControlStreamsConfig;
import io.coxswain.streams.config.LossPlateauConfig;
import io.coxswain.streams.internal.TopicSerde;
import io.coxswain.streams.placement.CommandPlacement;
import io.coxswain.streams.placement.ControlRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app against a real single-node broker: the embedded one that {@code cox up} runs. */
class ControlStreamsAppKafkaTest {
    private static final Set<String> TOPICS =
            Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name(), Topics.DEAD_LETTER.name());
    private static final LossPlateauConfig QUICK_RULE = new LossPlateauConfig(5, 0.001, 10);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void stopsAPlateauedRunAndDeadLettersGarbageOnARealBroker() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            kafka.ensureTopics(TOPICS, 3);
            try (ControlStreamsApp app = new ControlStreamsApp(config(kafka))) {
                app.start();
                assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);

                publish(kafka, RunEvents.steps("run-k", 1, 12, s -> 1.0));
                byte[] garbage = "garbage".getBytes(StandardCharsets.UTF_8);
                publish(kafka, "run-k", garbage);

                assertThat(read(kafka, Topics.CONTROL.name(), new TopicSerde<>(Topics.CONTROL).deserializer()))
                        .extracting(ConsumerRecord::key, ConsumerRecord::value)
                        .containsExactly(tuple("run-k", new ControlCommand(
                                "rule-run-k-loss_plateau-10", "run-k", RunEvents.timeOf(10),
                                CommandSource.rule("control-streams", "loss_plateau", TestJson.parse("""
                                        {"condition": "plateau", "step": 10, "window": 5, "minDelta": 0.001,
                                         "minSteps": 10, "currentMean": 1.0, "bestMean": 1.0, "bestStep": 5}""")),
                                List.of(new Action.FireTrigger(Triggers.STOP)),
                                "run run-k: loss has not improved for 5 steps (mean of the last 5 losses is 1 at"
                                        + " step 10; best 1 at step 5; an improvement must be more than 0.001"
                                        + " lower): stopping the run")));
                assertThat(read(kafka, Topics.DEAD_LETTER.name(), new ByteArrayDeserializer()))
                        .singleElement()
                        .satisfies(record -> {
                            assertThat(record.value()).isEqualTo(garbage);
                            assertThat(header(record, Topics.REASON_HEADER)).startsWith("not JSON");
                            assertThat(header(record, Topics.SOURCE_TOPIC_HEADER)).isEqualTo("coxswain.run-events");
                        });
                // the rule's command went through the placement check as well: Kafka Streams places it right
                assertThat(read(kafka, Topics.RUN_EVENTS.name(), new ByteArrayDeserializer()))
                        .map(record -> Topics.RUN_EVENTS.codec().decode(record.value()))
                        .noneMatch(decoded -> decoded instanceof Decoded.Ok<EventEnvelope> ok
                                && ok.value().event() instanceof CommandRejected);
            }
        }
    }

    @Test
    void answersACommandPublishedToAPartitionItsRunDoesNotRead() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            kafka.ensureTopics(TOPICS, 3); // the app is configured for 12: it must read 3 from the broker
            try (ControlStreamsApp app = new ControlStreamsApp(config(kafka))) {
                app.start();
                // run-k reads partition 0 of 3 (9 of 12); a librdkafka client could put its commands on 1
                ControlCommand placed = stop("c-placed", "run-k");
                ControlCommand misplaced = stop("c-misplaced", "run-k");
                publishCommand(kafka, 0, placed);
                publishCommand(kafka, 1, misplaced);

                ControlRecord read = new ControlRecord("run-k", null, 1, 0, RunEvents.T0);
                assertThat(read(kafka, Topics.RUN_EVENTS.name(), new TopicSerde<>(Topics.RUN_EVENTS).deserializer()))
                        .extracting(ConsumerRecord::partition, ConsumerRecord::key, ConsumerRecord::value)
                        .containsExactly(tuple(0, "run-k", new EventEnvelope(new EventHeader(
                                CommandPlacement.answerId(read), "run-k", null, 0, 0, RunEvents.T0),
                                new CommandRejected("c-misplaced", "command was published to partition 1 of"
                                        + " coxswain.control, but run run-k reads partition 0 (murmur2 of the key,"
                                        + " Kafka's default partitioner); publish with a murmur2 partitioner,"
                                        + " e.g. kcat -X topic.partitioner=murmur2_random",
                                        CommandSource.user("ana")))));
            }
        }
    }

    @Test
    void failsToStartAtOnceNamingTheBrokerAndTheMissingTopics() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name()), 1);
            ControlStreamsConfig config = config(kafka);
            try (ControlStreamsApp app = new ControlStreamsApp(config)) {
                Instant before = Instant.now();

                assertThatThrownBy(app::start)
                        .isInstanceOf(StreamsStartException.class)
                        .hasMessageContaining("at Kafka " + kafka.bootstrap() + " failed to start: topics"
                                + " coxswain.control, coxswain.dead-letter do not exist");
                assertThat(Duration.between(before, Instant.now())).isLessThan(config.startTimeout());
            }
        }
    }

    private ControlStreamsConfig config(EmbeddedKafka kafka) {
        return ControlStreamsConfig.defaults(kafka.bootstrap()).withStateDir(dir.resolve("state"))
                .withLossPlateau(QUICK_RULE);
    }

    private static void publish(EmbeddedKafka kafka, List<EventEnvelope> events) {
        events.forEach(event -> publish(kafka, event.runId(), Topics.RUN_EVENTS.codec().encode(event)));
    }

    private static void publish(EmbeddedKafka kafka, String key, byte[] value) {
        send(kafka, new ProducerRecord<>(Topics.RUN_EVENTS.name(), key, value));
    }

    /** Publishes {@code command} to {@code partition}, whichever its run reads, stamped {@link RunEvents#T0}. */
    private static void publishCommand(EmbeddedKafka kafka, int partition, ControlCommand command) {
        send(kafka, new ProducerRecord<>(Topics.CONTROL.name(), partition, RunEvents.T0.toEpochMilli(),
                command.runId(), Topics.CONTROL.codec().encode(command)));
    }

    private static void send(EmbeddedKafka kafka, ProducerRecord<String, byte[]> record) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", kafka.bootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record);
        }
    }

    private static ControlCommand stop(String commandId, String runId) {
        return new ControlCommand(commandId, runId, RunEvents.T0, CommandSource.user("ana"),
                List.of(new Action.FireTrigger(Triggers.STOP)), "enough");
    }

    /** Everything on {@code topic}: polls until something came, then once more so that a second record shows. */
    private static <V> List<ConsumerRecord<String, V>> read(EmbeddedKafka kafka, String topic,
                                                            Deserializer<V> values) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(WAIT);
            while (records.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
