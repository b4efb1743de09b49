package io.coxswain.agent.kafka;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaAgentEndToEndTest {
    private static final int PARTITIONS = 12;
    private static final CommandSource USER_T = CommandSource.user("t");

    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;
    private static KafkaProducer<String, String> client;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), PARTITIONS);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        client = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stopKafka() {
        client.close();
        kafka.close();
    }

    /** What any Kafka client in any language does: a JSON string keyed by the run id. */
    private static void sendRaw(String runId, String json) throws Exception {
        client.send(new ProducerRecord<>(Topics.CONTROL.name(), runId, json)).get(10, SECONDS);
    }

    private static String command(String commandId, String runId, String actions) {
        return "{\"v\":1,\"type\":\"ControlCommand\",\"commandId\":\"" + commandId + "\",\"runId\":\"" + runId
                + "\",\"issuedAt\":\"2026-11-22T10:00:00Z\",\"source\":{\"kind\":\"user\",\"author\":\"t\"},"
                + "\"actions\":" + actions + ",\"reason\":\"end-to-end test\"}";
    }

    /** A run id other than {@code runId} whose commands land on the same control partition. */
    private static String neighbourOf(String runId) {
        int partition = Topic.partitionFor(runId, PARTITIONS);
        for (int i = 0; ; i++) {
            if (Topic.partitionFor("neighbour-" + i, PARTITIONS) == partition) {
                return "neighbour-" + i;
            }
        }
    }

    private static <T extends RunEvent> T awaitEvent(RunEventsTail tail, Class<T> type,
                                                     Predicate<T> matching) {
        return await().atMost(30, SECONDS).until(() -> tail.eventsOf(type).stream().filter(matching).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    @Test
    void obeysCommandsSentAsPlainJsonByAnyKafkaClientAndAnswersEachOne() throws Exception {
        TrainingConfig config = TrainingConfig.builder("r-1").maxSteps(1_000_000).loggingSteps(50)
                .evalSteps(500).checkpointDir(dir.resolve("checkpoints")).build();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (RunEventsTail tail = new RunEventsTail(kafka.bootstrap(), "r-1", PARTITIONS);
             TrainerAgent agent = TrainerAgent.connect(config, kafka.bootstrap())) {
            Future<RunOutcome> outcome = executor.submit(agent::run);
            awaitEvent(tail, RunStarted.class, started -> true);

            sendRaw("r-1", command("c-1", "r-1",
                    "[{\"op\":\"set\",\"param\":\"learning_rate\",\"value\":0.01}]"));
            ParameterChanged changed = awaitEvent(tail, ParameterChanged.class, p -> true);
            assertThat(changed).isEqualTo(new ParameterChanged("c-1", "learning_rate", DoubleNode.valueOf(0.001),
                    DoubleNode.valueOf(0.01), USER_T));
            long changedAt = stepOf(tail, changed);
            awaitEvent(tail, StepCompleted.class, s -> s.learningRate() == 0.01);
            assertThat(stepsAfter(tail, changedAt)).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.learningRate()).isEqualTo(0.01));

            String neighbour = neighbourOf("r-1");
            sendRaw(neighbour, command("n-1", neighbour, "[{\"op\":\"trigger\",\"name\":\"stop\"}]"));
            sendRaw("r-1", command("c-2", "r-1", "[{\"op\":\"set\",\"param\":\"learning_rate\",\"value\":NaN}]"));
            CommandRejected rejected = awaitEvent(tail, CommandRejected.class, r -> true);
            assertThat(rejected).isEqualTo(new CommandRejected("c-2", "learning_rate must be a finite number, got NaN",
                    USER_T));
            long rejectedAt = stepOf(tail, rejected);
            awaitEvent(tail, StepCompleted.class, s -> true);
            await().atMost(30, SECONDS).until(() -> stepsAfter(tail, rejectedAt).size() >= 10);
            assertThat(stepsAfter(tail, rejectedAt)).allSatisfy(s -> assertThat(s.learningRate()).isEqualTo(0.01));

            sendRaw("r-1", command("c-1", "r-1", "[{\"op\":\"set\",\"param\":\"learning_rate\",\"value\":0.5}]"));
            assertThat(awaitEvent(tail, CommandIgnored.class, i -> true))
                    .isEqualTo(new CommandIgnored("c-1", CommandIgnored.DUPLICATE));

            sendRaw("r-1", command("c-3", "r-1", "[{\"op\":\"trigger\",\"name\":\"stop\"}]"));
            RunOutcome ended = outcome.get(60, SECONDS);
            RunFinished finished = awaitEvent(tail, RunFinished.class, f -> true);

            assertThat(finished).isEqualTo(new RunFinished(RunFinished.STOPPED, "user t (command c-3)"));
            assertThat(ended.stopped()).isTrue();
            List<EventEnvelope> events = tail.events();
            assertThat(events.get(0).event()).isInstanceOf(RunStarted.class);
            assertThat(events).extracting(e -> e.header().seq())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
            assertThat(events.stream().map(EventEnvelope::type).filter(t -> !t.equals("StepCompleted")
                    && !t.equals("EvalCompleted")).toList()).containsExactly("RunStarted", "ParameterChanged",
                    "CommandRejected", "CommandIgnored", "TriggerFired", "CheckpointSaved", "RunFinished");
            assertThat(tail.eventsOf(TriggerFired.class)).containsExactly(new TriggerFired("c-3", "stop", USER_T));
            assertThat(tail.eventsOf(StepCompleted.class)).hasSize((int) ended.stepsDone());
            assertThat(tail.problem()).isNull();
        } finally {
            executor.shutdownNow();
        }
    }

    private static long stepOf(RunEventsTail tail, RunEvent event) {
        return tail.events().stream().filter(e -> e.event().equals(event)).findFirst().orElseThrow().step();
    }

    private static List<StepCompleted> stepsAfter(RunEventsTail tail, long step) {
        return tail.events().stream().filter(e -> e.event() instanceof StepCompleted && e.step() > step)
                .map(e -> (StepCompleted) e.event()).toList();
    }
}
