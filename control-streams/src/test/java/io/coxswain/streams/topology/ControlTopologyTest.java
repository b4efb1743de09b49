package io.coxswain.streams.topology;

import static io.coxswain.streams.RunEvents.finished;
import static io.coxswain.streams.RunEvents.step;
import static io.coxswain.streams.RunEvents.steps;
import static io.coxswain.streams.RunEvents.timeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.coxswain.streams.engine.RuleSetRegistry;
import io.coxswain.streams.telemetry.StreamsMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.commands.Triggers;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.RunEvents;
import io.coxswain.streams.TestJson;
import io.coxswain.streams.config.ControlStreamsConfig;
import io.coxswain.streams.config.LossPlateauConfig;
import io.coxswain.streams.internal.TopicSerde;
import io.coxswain.streams.rules.LossPlateauRule;
import io.coxswain.streams.rules.LossPlateauState;
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
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production topology and configuration, fed run events as an agent writes them. Most tests shrink the rule's
 * window to 5 steps and its minSteps to 10 so that they need few records (the test driver commits, and so writes to
 * disk, after each record); one runs the production defaults. The driver has one partition per topic, so the config
 * says that {@code coxswain.control} has one, as {@code ControlStreamsApp.start()} would read it from the brokers
 * (the driver feeds the rule's commands back into the placement check; {@link PlacementCheckTopologyTest} covers it).
 */
class ControlTopologyTest {
    private static final LossPlateauConfig QUICK_RULE = new LossPlateauConfig(5, 0.001, 10);
    private static final String RUN = "run-7";
    private static final String OTHER_RUN = "run-8";
    private static final String TRACE_HEADER = "trace-id";

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> runEvents;
    private TestOutputTopic<String, ControlCommand> control;
    private TestOutputTopic<String, byte[]> deadLetter;

    @BeforeEach
    void startTopology() {
        start(defaults().withLossPlateau(QUICK_RULE));
    }

    @AfterEach
    void stopTopology() {
        driver.close();
    }

    @Test
    void sendsOneStopCommandWhenARunsLossPlateausWithTheDefaultSettings() {
        driver.close();
        start(defaults());

        send(steps(RUN, 1, 120, s -> 1.0));

        assertThat(control.readRecordsToList()).containsExactly(new TestRecord<>(RUN, new ControlCommand(
                "rule-run-7-loss_plateau-100", RUN, timeOf(100),
                CommandSource.rule("control-streams", "loss_plateau", TestJson.parse("""
                        {"condition": "plateau", "step": 100, "window": 50, "minDelta": 0.001, "minSteps": 100,
                         "currentMean": 1.0, "bestMean": 1.0, "bestStep": 50}""")),
                List.of(new Action.FireTrigger(Triggers.STOP)),
                "run run-7: loss has not improved for 50 steps (mean of the last 50 losses is 1 at step 100;"
                        + " best 1 at step 50; an improvement must be more than 0.001 lower): stopping the run"),
                new RecordHeaders(), timeOf(100)));
        assertThat(deadLetter.isEmpty()).isTrue();
    }

    @Test
    void countsEachCommandARuleSendsUnderTheRulesName() {
        send(steps(RUN, 1, 12, s -> 2.0));
        send(steps(OTHER_RUN, 1, 12, s -> 3.0));

        assertThat(control.readRecordsToList()).hasSize(2);
        assertThat(meters.get(StreamsMeters.FIRINGS).tag("rule", "loss_plateau").counter().count()).isEqualTo(2.0);
    }

    @Test
    void sendsTheSameCommandWhenTheSameEventsAreProcessedAgain() {
        send(steps(RUN, 1, 12, s -> 2.0));
        List<TestRecord<String, ControlCommand>> first = control.readRecordsToList();
        driver.close();
        start(defaults().withLossPlateau(QUICK_RULE).withStateDir(stateDir.resolve("again")));

        send(steps(RUN, 1, 12, s -> 2.0));

        assertThat(control.readRecordsToList()).hasSize(1).isEqualTo(first);
    }

    @Test
    void sendsNothingWhileTheLossImproves() {
        send(steps(RUN, 1, 40, s -> 10.0 - 0.01 * s));

        assertThat(control.isEmpty()).isTrue();
        assertThat(deadLetter.isEmpty()).isTrue();
    }

    @Test
    void sendsNothingForASecondPlateauOfTheSameRun() {
        send(steps(RUN, 1, 10, s -> 1.0));
        // the loss drops to 0.5 and stays there: without the once-per-run limit it would fire again at step 20
        send(steps(RUN, 11, 25, s -> 0.5));

        assertThat(control.readRecordsToList()).extracting(r -> r.value().commandId())
                .containsExactly("rule-run-7-loss_plateau-10");
    }

    @Test
    void stopsADivergedRunAtItsFirstNanLoss() {
        send(steps(RUN, 1, 4, s -> 1.0));
        send(step(RUN, 5, Double.NaN));

        assertThat(control.readRecordsToList()).containsExactly(new TestRecord<>(RUN, new ControlCommand(
                "rule-run-7-loss_plateau-5", RUN, timeOf(5),
                CommandSource.rule("control-streams", "loss_plateau", TestJson.parse("""
                        {"condition": "non_finite_loss", "step": 5, "window": 5, "minDelta": 0.001,
                         "minSteps": 10, "nonFiniteLoss": "NaN"}""")),
                List.of(new Action.FireTrigger(Triggers.STOP)),
                "run run-7: loss is NaN at step 5, the run has diverged: stopping the run"),
                new RecordHeaders(), timeOf(5)));
    }

    @Test
    void stopsARunWhoseClientWritesNanAsABareJsonLiteral() {
        byte[] pythonStyle = """
                {"v": 1, "type": "StepCompleted", "eventId": "e-1", "runId": "run-7", "seq": 2, "step": 1,
                 "time": "2026-11-22T10:00:01Z", "epoch": 0.01, "trainCoverage": 0.01, "samplesSeen": 32,
                 "batchSize": 32, "loss": NaN, "gradNorm": 0.5, "learningRate": 0.01, "stepSeconds": 0.02,
                 "logged": true, "epochEnd": false}""".getBytes(StandardCharsets.UTF_8);

        sendRaw(RUN, pythonStyle, timeOf(1));

        assertThat(control.readRecordsToList()).extracting(TestRecord::value).containsExactly(new ControlCommand(
                "rule-run-7-loss_plateau-1", RUN, timeOf(1),
                CommandSource.rule("control-streams", "loss_plateau", TestJson.parse("""
                        {"condition": "non_finite_loss", "step": 1, "window": 5, "minDelta": 0.001,
                         "minSteps": 10, "nonFiniteLoss": "NaN"}""")),
                List.of(new Action.FireTrigger(Triggers.STOP)),
                "run run-7: loss is NaN at step 1, the run has diverged: stopping the run"));
    }

    @Test
    void evaluatesEachRunOnItsOwn() {
        for (long s = 1; s <= 15; s++) {
            send(step(RUN, s, 1.0));
            send(step(OTHER_RUN, s, 10.0 - 0.01 * s));
        }

        assertThat(control.readRecordsToList()).extracting(TestRecord::key, r -> r.value().commandId())
                .containsExactly(tuple(RUN, "rule-run-7-loss_plateau-10"));
    }

    @Test
    void forgetsARunWhenItFinishes() {
        send(steps(RUN, 1, 9, s -> 1.0));
        assertThat(ruleState().get(RUN)).isNotNull();

        send(finished(RUN, 9));
        assertThat(ruleState().get(RUN)).isNull();

        // had the run's state been kept, step 10 would fire
        send(steps(RUN, 10, 14, s -> 1.0));
        assertThat(control.isEmpty()).isTrue();
    }

    @Test
    void keepsNoStateAndSendsNothingForEventsOtherThanSteps() {
        send(RunEvents.started(RUN));
        send(RunEvents.evaluated(RUN, 10));

        assertThat(ruleState().get(RUN)).isNull();
        assertThat(control.isEmpty()).isTrue();
        assertThat(deadLetter.isEmpty()).isTrue();
    }

    @Test
    void sendsBytesThatAreNotJsonToTheDeadLetterTopicWithTheReason() {
        byte[] garbage = {(byte) 0xff, 0x00, 'x'};

        sendRaw(RUN, garbage, timeOf(1));

        assertThat(deadLetter.readRecordsToList()).extracting(DeadLetter::of).containsExactly(new DeadLetter(RUN,
                garbage, Map.of(TRACE_HEADER, "t-1", Topics.REASON_HEADER, codecReason(garbage),
                Topics.SOURCE_TOPIC_HEADER, "coxswain.run-events"), timeOf(1)));
        assertThat(codecReason(garbage)).startsWith("not JSON");
        assertThat(control.isEmpty()).isTrue();
    }

    @Test
    void sendsAnEventWithAMissingFieldToTheDeadLetterTopicWithTheReason() {
        byte[] noEventId = """
                {"v": 1, "type": "StepCompleted", "runId": "run-7", "seq": 2, "step": 1,
                 "time": "2026-11-22T10:00:01Z", "loss": 1.0}""".getBytes(StandardCharsets.UTF_8);

        sendRaw(RUN, noEventId, timeOf(1));

        assertThat(deadLetter.readRecordsToList()).extracting(DeadLetter::of).containsExactly(new DeadLetter(RUN,
                noEventId, Map.of(TRACE_HEADER, "t-1", Topics.REASON_HEADER, "missing field 'eventId'",
                Topics.SOURCE_TOPIC_HEADER, "coxswain.run-events"), timeOf(1)));
    }

    @Test
    void sendsAnEventKeyedByAnotherRunToTheDeadLetterTopic() {
        byte[] event = Topics.RUN_EVENTS.codec().encode(step(RUN, 1, 1.0));

        sendRaw(OTHER_RUN, event, timeOf(1));

        assertThat(deadLetter.readRecordsToList()).extracting(DeadLetter::of).containsExactly(new DeadLetter(
                OTHER_RUN, event, Map.of(TRACE_HEADER, "t-1",
                Topics.REASON_HEADER,
                "record key 'run-8' but the event's runId is 'run-7' (the key must be the run id)",
                Topics.SOURCE_TOPIC_HEADER, "coxswain.run-events"), timeOf(1)));
        assertThat(ruleState().get(RUN)).isNull();
    }

    @Test
    void countsDeadLetters() {
        sendRaw(RUN, new byte[] {'{'}, timeOf(1));
        sendRaw(RUN, "[]".getBytes(StandardCharsets.UTF_8), timeOf(2));
        send(step(RUN, 3, 1.0));

        assertThat(driver.metrics().entrySet()).filteredOn(e -> e.getKey().name().equals("dead-letter-total")
                        && e.getKey().tags().get("coxswain-id").equals("coxswain.run-events"))
                .singleElement()
                .satisfies(e -> assertThat(e.getValue().metricValue()).isEqualTo(2.0));
    }

    private ControlStreamsConfig defaults() {
        return ControlStreamsConfig.defaults("localhost:9092").withStateDir(stateDir).withControlPartitions(1);
    }

    private void start(ControlStreamsConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        ControlTopology.build(builder, config, new RuleSetRegistry(),
                new StreamsMeters(meters, config.applicationId())::fired);
        driver = new TopologyTestDriver(builder.build(), config.toProperties());
        runEvents = driver.createInputTopic(Topics.RUN_EVENTS.name(), new StringSerializer(),
                new ByteArraySerializer());
        control = driver.createOutputTopic(Topics.CONTROL.name(), new StringDeserializer(),
                new TopicSerde<>(Topics.CONTROL).deserializer());
        deadLetter = driver.createOutputTopic(Topics.DEAD_LETTER.name(), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private void send(List<EventEnvelope> events) {
        events.forEach(this::send);
    }

    private void send(EventEnvelope event) {
        sendRaw(event.runId(), Topics.RUN_EVENTS.codec().encode(event), event.header().time());
    }

    private void sendRaw(String key, byte[] value, Instant time) {
        Headers headers = new RecordHeaders().add(TRACE_HEADER, "t-1".getBytes(StandardCharsets.UTF_8));
        runEvents.pipeInput(new TestRecord<>(key, value, headers, time));
    }

    private KeyValueStore<String, LossPlateauState> ruleState() {
        return driver.getKeyValueStore(ControlTopology.stateStoreName(LossPlateauRule.NAME));
    }

    private static String codecReason(byte[] bytes) {
        return ((Decoded.Failure<EventEnvelope>) Topics.RUN_EVENTS.codec().decode(bytes)).reason();
    }

    /** A dead-letter record in comparable form: the value's bytes as a list, the headers as text. */
    private record DeadLetter(String key, List<Byte> value, Map<String, String> headers, Instant time) {
        DeadLetter(String key, byte[] value, Map<String, String> headers, Instant time) {
            this(key, bytes(value), headers, time);
        }

        static DeadLetter of(TestRecord<String, byte[]> record) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            return new DeadLetter(record.key(), record.value(), headers, record.getRecordTime());
        }

        private static List<Byte> bytes(byte[] value) {
            Byte[] boxed = new Byte[value.length];
            for (int i = 0; i < value.length; i++) {
                boxed[i] = value[i];
            }
            return List.of(boxed);
        }
    }
}
