package io.coxswain.streams.topology;

import static io.coxswain.streams.RunEvents.steps;
import static io.coxswain.streams.RunEvents.timeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The placement check of the production topology, with the production default of 12 control partitions. The test
 * driver reads every record from partition 0, where run-8 belongs (murmur2) and run-7 (partition 8) does not: so a
 * command for run-7 arrives as a kcat-style client would misplace it.
 */
class PlacementCheckTopologyTest {
    private static final String MISPLACED_RUN = "run-7";
    private static final String PLACED_RUN = "run-8";
    private static final String TRACE_HEADER = "trace-id";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> controlIn;
    private TestInputTopic<String, byte[]> runEventsIn;
    private TestOutputTopic<String, EventEnvelope> answers;
    private TestOutputTopic<String, ControlCommand> controlOut;
    private TestOutputTopic<String, byte[]> deadLetter;

    @BeforeEach
    void startTopology() {
        ControlStreamsConfig config = ControlStreamsConfig.defaults("localhost:9092").withStateDir(stateDir)
                .withLossPlateau(new LossPlateauConfig(5, 0.001, 10));
        StreamsBuilder builder = new StreamsBuilder();
        ControlTopology.build(builder, config);
        driver = new TopologyTestDriver(builder.build(), config.toProperties());
        controlIn = driver.createInputTopic(Topics.CONTROL.name(), new StringSerializer(), new ByteArraySerializer());
        runEventsIn = driver.createInputTopic(Topics.RUN_EVENTS.name(), new StringSerializer(),
                new ByteArraySerializer());
        answers = driver.createOutputTopic(Topics.RUN_EVENTS.name(), new StringDeserializer(),
                new TopicSerde<>(Topics.RUN_EVENTS).deserializer());
        controlOut = driver.createOutputTopic(Topics.CONTROL.name(), new StringDeserializer(),
                new TopicSerde<>(Topics.CONTROL).deserializer());
        deadLetter = driver.createOutputTopic(Topics.DEAD_LETTER.name(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stopTopology() {
        driver.close();
    }

    @Test
    void answersACommandOnAPartitionItsRunDoesNotRead() {
        send(MISPLACED_RUN, Topics.CONTROL.codec().encode(stop("c-1", MISPLACED_RUN)), timeOf(1));

        assertThat(answers.readRecordsToList()).containsExactly(new TestRecord<>(MISPLACED_RUN, new EventEnvelope(
                new EventHeader("6bf13a80-ae5f-31fc-aa1d-6c30f58e935d", MISPLACED_RUN, null, 0, 0, timeOf(1)),
                new CommandRejected("c-1", "command was published to partition 0 of coxswain.control, but run run-7"
                        + " reads partition 8 (murmur2 of the key, Kafka's default partitioner); publish with a"
                        + " murmur2 partitioner, e.g. kcat -X topic.partitioner=murmur2_random",
                        CommandSource.user("ana"))),
                new RecordHeaders(), timeOf(1)));
        assertThat(deadLetter.isEmpty()).isTrue();
    }

    @Test
    void leavesACommandOnItsRunsPartitionToTheAgent() {
        send(PLACED_RUN, Topics.CONTROL.codec().encode(stop("c-2", PLACED_RUN)), timeOf(1));
        send(PLACED_RUN, "garbage".getBytes(StandardCharsets.UTF_8), timeOf(2));

        assertThat(answers.isEmpty()).isTrue();
        assertThat(deadLetter.isEmpty()).isTrue();
    }

    @Test
    void sendsACommandWithoutAKeyToTheDeadLetterTopicWithTheReason() {
        byte[] command = Topics.CONTROL.codec().encode(stop("c-3", MISPLACED_RUN));

        send(null, command, timeOf(1));

        List<TestRecord<String, byte[]>> letters = deadLetter.readRecordsToList();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.key()).isNull();
            assertThat(letter.value()).isEqualTo(command);
            assertThat(headers(letter.headers())).containsExactly(entry(TRACE_HEADER, "t-1"),
                    entry(Topics.REASON_HEADER, "record key is missing: commands on coxswain.control must be keyed"
                            + " by their run id, which picks the partition the run's agent reads"),
                    entry(Topics.SOURCE_TOPIC_HEADER, "coxswain.control"));
            assertThat(letter.getRecordTime()).isEqualTo(timeOf(1));
        });
        assertThat(answers.isEmpty()).isTrue();
        assertThat(driver.metrics().entrySet()).filteredOn(e -> e.getKey().name().equals("dead-letter-total")
                        && e.getKey().tags().get("coxswain-id").equals("coxswain.control"))
                .singleElement()
                .satisfies(e -> assertThat(e.getValue().metricValue()).isEqualTo(1.0));
    }

    @Test
    void letsTheRulesOwnCommandsPass() {
        steps(PLACED_RUN, 1, 10, s -> 1.0).forEach(event -> runEventsIn.pipeInput(new TestRecord<>(
                event.runId(), Topics.RUN_EVENTS.codec().encode(event), new RecordHeaders(), event.header().time())));

        assertThat(controlOut.readRecordsToList()).extracting(r -> r.value().commandId())
                .containsExactly("rule-run-8-loss_plateau-10");
        assertThat(answers.isEmpty()).isTrue();
    }

    private void send(String key, byte[] value, Instant time) {
        Headers headers = new RecordHeaders().add(TRACE_HEADER, "t-1".getBytes(StandardCharsets.UTF_8));
        controlIn.pipeInput(new TestRecord<>(key, value, headers, time));
    }

    private static ControlCommand stop(String commandId, String runId) {
        return new ControlCommand(commandId, runId, timeOf(0), CommandSource.user("ana"),
                List.of(new Action.FireTrigger(Triggers.STOP)), "enough");
    }

    private static Map<String, String> headers(Headers headers) {
        Map<String, String> text = new LinkedHashMap<>();
        for (Header header : headers) {
            text.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return text;
    }
}
