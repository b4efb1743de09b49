package io.coxswain.tests;

import static io.coxswain.tests.HostileCommands.commandFor;
import static io.coxswain.tests.HostileCommands.set;
import static io.coxswain.tests.HostileCommands.trigger;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.ConfigJson;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.InMemoryCommandFeed;
import io.coxswain.agent.events.RecordingEventSink;
import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cox train} killed with SIGKILL mid-run and started again with {@code --resume}: the run goes on from its
 * latest checkpoint, publishes every step exactly once, answers the commands sent while it was down, and trains
 * exactly as an uninterrupted run of the same configuration given the same commands at the same step.
 */
class KillAndResumeTest {
    private static final long STEPS = 400;
    private static final long KILL_AFTER_STEP = 50;
    private static final Pattern CHECKPOINT = Pattern.compile("step-(\\d{6,})");

    @TempDir
    static Path dir;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), Topics.DEFAULT_PARTITIONS);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    /** What is sent while the run is down: three commands of one action and one of two, as raw JSON. */
    private static List<String> commandsWhileDown(String runId) {
        return List.of(
                commandFor(runId, "down-lr", set("learning_rate", "0.002")),
                commandFor(runId, "down-bs", set("batch_size", "48")),
                commandFor(runId, "down-ckpt", trigger("checkpoint")),
                commandFor(runId, "down-multi", set("logging_steps", "5") + "," + trigger("evaluate")));
    }

    @Test
    void resumesAKilledRunWithTheLossesOfAnUninterruptedOneAndAnswersWhatWasSentWhileItWasDown() throws Exception {
        String runId = "killed-" + UUID.randomUUID().toString().substring(0, 8);
        Path home = dir.resolve("home");
        try (RunEventsReader events = new RunEventsReader(kafka.bootstrap(), runId);
             CoxProcess first = CoxProcess.start(dir, "first", "train", "--home", home.toString(), "--bootstrap",
                     kafka.bootstrap(), "--run-id", runId, "--experiment", "kill9", "--workload", "mlp-blobs",
                     "--steps", String.valueOf(STEPS), "--seed", "7", "--save-strategy", "steps", "--save-steps",
                     "20")) {
            events.awaitEvent(StepCompleted.class, e -> e.step() >= KILL_AFTER_STEP);
            assertThat(first.kill()).as("exit status of a SIGKILLed JVM").isEqualTo(137);
            long checkpointStep = latestCheckpointStep(home.resolve("checkpoints").resolve(runId));

            send(runId, commandsWhileDown(runId));
            CoxProcess resumed = CoxProcess.start(dir, "resumed", "train", "--home", home.toString(),
                    "--bootstrap", kafka.bootstrap(), "--run-id", runId, "--resume");
            int exit = resumed.awaitExit(240);
            assertThat(exit).as("exit code of cox train --resume; its output:\n%s", resumed.output()).isZero();
            events.awaitEvent(RunFinished.class, e -> true);

            List<EventEnvelope> all = events.seen();
            List<RunStarted> starts = eventsOf(all, RunStarted.class);
            assertThat(starts).hasSize(2);
            int resumedAt = all.indexOf(all.stream().filter(e -> e.event() == starts.get(1)).findFirst()
                    .orElseThrow());
            long lastStepBeforeKill = all.subList(0, resumedAt).stream()
                    .filter(e -> e.event() instanceof StepCompleted).mapToLong(EventEnvelope::step).max()
                    .orElseThrow();
            assertThat(lastStepBeforeKill).as("killed before the run's end").isLessThan(STEPS);
            assertThat(starts.get(0).resumedFromStep()).isNull();
            assertThat(starts.get(1).resumedFromStep()).isEqualTo(checkpointStep);
            assertThat(starts.get(1).checkpoint()).isEqualTo(checkpointDir(home, runId, checkpointStep).toString());
            assertThat(starts.get(1).restartCostSeconds()).isPositive();
            assertThat(starts.get(1).config()).isEqualTo(starts.get(0).config());

            RecordingEventSink reference = uninterrupted(starts.get(0), runId, lastStepBeforeKill);

            assertThat(all).extracting(e -> e.header().seq())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, all.size()).boxed().toList());
            assertThat(eventsOf(all, StepCompleted.class)).extracting(s -> stepOf(all, s))
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, STEPS).boxed().toList());
            List<Map.Entry<Long, CommandAnswer>> answers = answersWithSteps(all);
            assertThat(answers).as("answers to the commands sent while the run was down, with the step each was"
                    + " applied at").containsExactlyElementsOf(answersWithSteps(reference.events()));
            assertThat(answers).hasSize(5).allSatisfy(a -> assertThat(a.getKey()).isEqualTo(lastStepBeforeKill));
            assertThat(losses(all)).as("loss of every step, killed and resumed vs uninterrupted")
                    .containsExactlyElementsOf(losses(reference.events()));
            assertThat(all.get(all.size() - 1).event()).isEqualTo(new RunFinished(RunFinished.COMPLETED,
                    "completed " + STEPS + " of " + STEPS + " steps"));
        }
    }

    /**
     * The same run trained in this JVM without interruption, from the configuration the killed run published, given
     * the commands sent while it was down right after step {@code appliedAfter}, where the resumed run applied them.
     */
    private static RecordingEventSink uninterrupted(RunStarted started, String runId, long appliedAfter)
            throws Exception {
        TrainingConfig config = ConfigJson.read(started.config()).toBuilder()
                .checkpointDir(dir.resolve("reference-checkpoints")).build();
        RecordingEventSink sink = new RecordingEventSink();
        InMemoryCommandFeed feed = new InMemoryCommandFeed(runId);
        try (TrainerAgent agent = new TrainerAgent(config, sink, feed, event -> {
            if (event.event() instanceof StepCompleted && event.step() == appliedAfter) {
                commandsWhileDown(runId).forEach(command -> feed.sendRaw(runId, command));
            }
        })) {
            RunOutcome outcome = agent.run();
            assertThat(outcome.reason()).as("the uninterrupted reference run: %s", outcome).isEqualTo(
                    RunFinished.COMPLETED);
        }
        return sink;
    }

    private static void send(String runId, List<String> commands) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                kafka.bootstrap()), new StringSerializer(), new StringSerializer())) {
            for (String command : commands) {
                producer.send(new ProducerRecord<>(Topics.CONTROL.name(), runId, command)).get(30, SECONDS);
            }
        }
    }

    private static long latestCheckpointStep(Path runDir) throws IOException {
        try (Stream<Path> dirs = Files.list(runDir)) {
            return dirs.map(d -> CHECKPOINT.matcher(d.getFileName().toString())).filter(Matcher::matches)
                    .mapToLong(m -> Long.parseLong(m.group(1))).max()
                    .orElseThrow(() -> new AssertionError("no checkpoint under " + runDir));
        }
    }

    private static Path checkpointDir(Path home, String runId, long step) {
        return home.resolve("checkpoints").resolve(runId).resolve(String.format("step-%06d", step));
    }

    private static <T> List<T> eventsOf(List<EventEnvelope> events, Class<T> type) {
        return events.stream().map(EventEnvelope::event).filter(type::isInstance).map(type::cast).toList();
    }

    private static long stepOf(List<EventEnvelope> events, Object event) {
        return events.stream().filter(e -> e.event() == event).findFirst().orElseThrow().step();
    }

    private static List<Double> losses(List<EventEnvelope> events) {
        return eventsOf(events, StepCompleted.class).stream().map(StepCompleted::loss).toList();
    }

    private static List<Map.Entry<Long, CommandAnswer>> answersWithSteps(List<EventEnvelope> events) {
        return events.stream().filter(e -> e.event() instanceof CommandAnswer)
                .map(e -> Map.entry(e.step(), (CommandAnswer) e.event())).toList();
    }
}
