package io.coxswain.tests;

import static io.coxswain.tests.HostileCommands.USER_T;
import static io.coxswain.tests.HostileCommands.commandFor;
import static io.coxswain.tests.HostileCommands.set;
import static io.coxswain.tests.HostileCommands.trigger;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.agent.RunOutcome;
import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StateLogged;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.tests.HostileCommands.Hostile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live run on a real broker receives a corpus of malformed and hostile control records, sent as raw strings by a
 * plain Kafka producer: each gets exactly the answer it is owed, none is even partly applied, and the run trains on
 * and stops cleanly on a valid command.
 */
class HostileCommandsTest {
    private static final int PARTITIONS = Topics.DEFAULT_PARTITIONS;
    private static final int ONE_MIB = 1 << 20;

    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;
    private static KafkaProducer<String, String> client;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), PARTITIONS);
        client = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * ONE_MIB, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stopKafka() {
        client.close();
        kafka.close();
    }

    @Test
    void answersEveryHostileRecordWithoutApplyingAnyAndTrainsOn() throws Exception {
        String runId = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
        List<Hostile> corpus = HostileCommands.forRun(runId, neighbourOf(runId));
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(50);
        try (RunEventsReader events = new RunEventsReader(kafka.bootstrap(), runId);
             AgentThread agent = AgentThread.start(kafka.bootstrap(), runId, 1_000_000, dir.resolve("ckpt"))) {
            RunStarted started = (RunStarted) events.awaitEvent(RunStarted.class, e -> true).event();
            events.awaitEvent(StepCompleted.class, e -> true);

            for (Hostile hostile : corpus) {
                send(runId, hostile.key(), hostile.toRunPartition(), hostile.value());
            }
            send(runId, runId, false, commandFor(runId, "log-1", trigger("log")));
            send(runId, runId, false, commandFor(runId, "final-lr", set("learning_rate", "0.002")));
            send(runId, runId, false, commandFor(runId, "final-lr", set("learning_rate", "0.003")));
            long changedAt = events.awaitEvent(ParameterChanged.class,
                    e -> "final-lr".equals(((ParameterChanged) e.event()).commandId())).step();
            EventEnvelope lastAnswer = events.awaitEvent(CommandIgnored.class,
                    e -> "final-lr".equals(((CommandIgnored) e.event()).commandId()));
            events.awaitEvent(StepCompleted.class, e -> e.step() >= lastAnswer.step() + 20);
            send(runId, runId, false, commandFor(runId, "stop-1", trigger("stop")));
            RunOutcome outcome = agent.awaitOutcome();
            events.awaitEvent(RunFinished.class, e -> true);

            List<EventEnvelope> all = events.seen();
            List<RunEvent> expected = new ArrayList<>();
            corpus.forEach(h -> expected.addAll(h.answers()));
            expected.add(new TriggerFired("log-1", "log", USER_T));
            expected.add(new ParameterChanged("final-lr", "learning_rate", DoubleNode.valueOf(0.001),
                    DoubleNode.valueOf(0.002), USER_T));
            expected.add(new CommandIgnored("final-lr", CommandIgnored.DUPLICATE));
            expected.add(new TriggerFired("stop-1", "stop", USER_T));
            List<RunEvent> answers = all.stream().map(EventEnvelope::event).filter(CommandAnswer.class::isInstance)
                    .toList();
            assertThat(answers).as(differences(corpus, answers, expected)).containsExactlyElementsOf(expected);

            List<EventEnvelope> steps = all.stream().filter(e -> e.event() instanceof StepCompleted).toList();
            assertThat(steps).extracting(EventEnvelope::step)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, outcome.stepsDone()).boxed().toList());
            assertThat(steps).allSatisfy(e -> assertThat(((StepCompleted) e.event()).learningRate())
                    .as("learning rate of step %d", e.step()).isEqualTo(e.step() <= changedAt ? 0.001 : 0.002));

            JsonNode snapshot = ((StateLogged) events.awaitEvent(StateLogged.class, e -> true).event()).state();
            assertThat(snapshot.get("parameters")).isEqualTo(initialValues(started));
            assertThat(snapshot.get("paused").asBoolean()).isFalse();
            assertThat(snapshot.get("learningRateInEffect").asDouble()).isEqualTo(0.001);
            assertThat(snapshot.get("batchSizeFrom").asText()).isEqualTo("schedule");

            assertThat(steps.get(steps.size() - 1).step()).isGreaterThanOrEqualTo(lastAnswer.step() + 20);
            assertThat(all.get(all.size() - 1).event())
                    .isEqualTo(new RunFinished(RunFinished.STOPPED, "user t (command stop-1)"));
            assertThat(outcome.stopped()).isTrue();
        }
    }

    @Test
    void refusesARecordLargerThanTheControlTopicAllowsBeforeItReachesTheRun() throws Exception {
        String runId = "oversized-" + UUID.randomUUID().toString().substring(0, 8);
        String oneMibOfGarbage = HostileCommands.garbage(ONE_MIB, 2);

        assertThat(controlTopicMaxMessageBytes()).as("the control topic's max.message.bytes, below a 1 MiB value"
                + " with its record overhead").isEqualTo("1048588");
        assertThatThrownBy(() -> send(runId, runId, false, oneMibOfGarbage))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RecordTooLargeException.class);
    }

    @Test
    void answersACommandWhoseRejectionWouldOutgrowAnEventAndTrainsOn() throws Exception {
        String runId = "amplified-" + UUID.randomUUID().toString().substring(0, 8);
        String manyActions = String.join(",", Collections.nCopies(8_000, set("x", "1")));
        String longName = "p".repeat(400_000);
        try (RunEventsReader events = new RunEventsReader(kafka.bootstrap(), runId);
             AgentThread agent = AgentThread.start(kafka.bootstrap(), runId, 1_000_000, dir.resolve("ckpt"))) {
            events.awaitEvent(StepCompleted.class, e -> true);

            send(runId, runId, false, commandFor(runId, "many-actions", manyActions));
            send(runId, runId, false, commandFor(runId, "long-name", set(longName, "1") + "," + set(longName, "2")));
            send(runId, runId, false, commandFor(runId, "after", set("learning_rate", "0.002")));
            EventEnvelope end = awaitAnswerOrExplain(events, agent, "after");
            events.awaitEvent(StepCompleted.class, e -> e.step() >= end.step() + 10);
            send(runId, runId, false, commandFor(runId, "stop-1", trigger("stop")));
            agent.awaitOutcome();
            events.awaitEvent(RunFinished.class, e -> true);

            List<CommandRejected> rejected = events.seen().stream().map(EventEnvelope::event)
                    .filter(CommandRejected.class::isInstance).map(CommandRejected.class::cast).toList();
            assertThat(rejected).extracting(CommandRejected::commandId).as("the rejections published (an answer over"
                    + " Kafka's 1 MB record limit never arrives)").containsExactly("many-actions", "long-name");
            assertThat(rejected).allSatisfy(r -> assertThat(r.source()).isEqualTo(USER_T));
            assertThat(rejected.get(0).reason()).startsWith("unknown parameter 'x' (live parameters: "
                    + HostileCommands.LIVE + "); ").hasSizeLessThan(64_000);
            assertThat(rejected.get(1).reason()).startsWith("unknown parameter 'ppp").hasSizeLessThan(64_000);
            assertThat(events.seen().get(events.seen().size() - 1).event())
                    .isEqualTo(new RunFinished(RunFinished.STOPPED, "user t (command stop-1)"));
        }
    }

    @Test
    void judgesTheNumberSentRatherThanItsRoundingToADouble() throws Exception {
        String runId = "precise-" + UUID.randomUUID().toString().substring(0, 8);
        try (RunEventsReader events = new RunEventsReader(kafka.bootstrap(), runId);
             AgentThread agent = AgentThread.start(kafka.bootstrap(), runId, 1_000_000, dir.resolve("ckpt"))) {
            events.awaitEvent(StepCompleted.class, e -> true);

            send(runId, runId, false, commandFor(runId, "bs-fraction", set("batch_size", "16.000000000000001")));
            send(runId, runId, false, commandFor(runId, "bs-1e400", set("batch_size", "1e400")));
            send(runId, runId, false, commandFor(runId, "lr-1e-400", set("learning_rate", "1e-400")));

            assertThat(List.of(awaitAnswerOrExplain(events, agent, "bs-fraction").event(),
                    awaitAnswerOrExplain(events, agent, "bs-1e400").event(),
                    awaitAnswerOrExplain(events, agent, "lr-1e-400").event())).containsExactly(
                    new CommandRejected("bs-fraction", "batch_size must be an integer, got 16.000000000000001", USER_T),
                    new CommandRejected("bs-1e400", "batch_size must be an integer, got 1E+400", USER_T),
                    new CommandRejected("lr-1e-400", "learning_rate must be > 0 and <= 10, got 1E-400", USER_T));
        }
    }

    private static EventEnvelope awaitAnswerOrExplain(RunEventsReader events, AgentThread agent, String commandId) {
        try {
            return events.awaitEvent(CommandAnswer.class, e -> commandId.equals(CommandAnswer.commandIdOf(e.event())));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no answer to command '" + commandId + "' within 60 s; the run: "
                    + agent.state(), e);
        }
    }

    private static void send(String runId, String key, boolean toRunPartition, String value) throws Exception {
        Integer partition = toRunPartition ? Topic.partitionFor(runId, PARTITIONS) : null;
        client.send(new ProducerRecord<>(Topics.CONTROL.name(), partition, key, value)).get(30, SECONDS);
    }

    private static String controlTopicMaxMessageBytes() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONTROL.name());
            Config config = admin.describeConfigs(List.of(topic)).all().get(30, SECONDS).get(topic);
            return config.get("max.message.bytes").value();
        }
    }

    /** A run id other than {@code runId} whose records land on the same control partition. */
    private static String neighbourOf(String runId) {
        int partition = Topic.partitionFor(runId, PARTITIONS);
        for (int i = 0; ; i++) {
            if (Topic.partitionFor("neighbour-" + i, PARTITIONS) == partition) {
                return "neighbour-" + i;
            }
        }
    }

    private static ObjectNode initialValues(RunStarted started) {
        ObjectNode values = Json.mapper().createObjectNode();
        started.parameters().forEach(p -> values.set(p.name(), p.value()));
        return values;
    }

    /** Names the corpus case of each answer (up to 20) that differs from what it is owed, in sending order. */
    private static String differences(List<Hostile> corpus, List<RunEvent> actual, List<RunEvent> expected) {
        List<String> owner = new ArrayList<>();
        corpus.forEach(h -> h.answers().forEach(a -> owner.add(h.name())));
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < Math.max(actual.size(), expected.size()) && differences.size() < 20; i++) {
            RunEvent a = i < actual.size() ? actual.get(i) : null;
            RunEvent e = i < expected.size() ? expected.get(i) : null;
            if (a == null || !a.equals(e)) {
                differences.add("answer #" + i + " (case '" + (i < owner.size() ? owner.get(i) : "final commands")
                        + "'): expected " + clip(e) + " but got " + clip(a));
            }
        }
        return differences.isEmpty() ? "every answer as owed" : String.join("\n", differences);
    }

    private static String clip(Object value) {
        String text = String.valueOf(value);
        return text.length() > 400 ? text.substring(0, 400) + "... (" + text.length() + " chars)" : text;
    }
}
