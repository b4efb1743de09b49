package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.cli.Cox;
import io.coxswain.cli.ExitCodes;
import io.coxswain.embedded.FreePort;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.topics.Topic;
import io.coxswain.protocol.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** {@code cox} as a person uses it: exit codes and messages, and no command that hangs. */
@ExtendWith(SharedStack.class)
class CoxCommandLineTest {
    private static StackFixture stack;
    private static AgentThread agent;
    private static String runId;

    @BeforeAll
    static void startRun(StackFixture shared) throws Exception {
        stack = shared;
        runId = "cli-run-" + UUID.randomUUID().toString().substring(0, 8);
        agent = AgentThread.start(stack.bootstrap(), runId, 1_000_000, stack.home().resolve("ckpt"));
        stack.awaitRows("SELECT 1 FROM runs WHERE run_id = ?", runId, 1);
    }

    @AfterAll
    static void stopRun() throws Exception {
        agent.close();
    }

    @Test
    void setAppliesALearningRateAndExitsZero() {
        Result r = cox("set", runId, "learning_rate=0.002", "--reason", "cli test");
        assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.out).contains("applied at step").contains("learning_rate 0.001 -> 0.002");
    }

    @Test
    void setPrintsTheReasonAndExitsThreeWhenRejected() {
        Result r = cox("set", runId, "learning_rate=-1");
        assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.REJECTED);
        assertThat(r.err).contains("rejected by run " + runId).contains("learning_rate");
    }

    @Test
    void triggerFiresACheckpoint() {
        Result r = cox("trigger", runId, "checkpoint");
        assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.out).contains("fired at step").contains("checkpoint");
    }

    @Test
    void unknownRunFailsFastSuggestingCloseMatches() {
        String typo = runId.substring(0, runId.length() - 1) + "#";
        Result r = cox("set", typo, "learning_rate=0.01");
        assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.UNKNOWN_RUN);
        assertThat(r.err).contains("unknown run '" + typo + "'").contains("did you mean").contains(runId);
        assertThat(r.elapsed).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void unreachableKafkaFailsInSecondsNamingTheAddress() {
        String nowhere = "127.0.0.1:" + FreePort.find();
        Result r = coxAt(nowhere, "set", runId, "learning_rate=0.01");
        assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err).contains("Kafka unreachable at " + nowhere);
        assertThat(r.elapsed).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void trainAgainstUnreachableKafkaFailsInSeconds() {
        String nowhere = "127.0.0.1:" + FreePort.find();
        Result r = coxAt(nowhere, "train", "--run-id", "never", "--steps", "10");
        assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err).contains(nowhere);
        assertThat(r.elapsed).isLessThan(Duration.ofSeconds(25));
    }

    @Test
    void aRunWithNoAgentListeningTimesOutWithExitFour() throws Exception {
        String ghost = "ghost-" + UUID.randomUUID();
        publish(ghost, new RunStarted(Json.mapper().createObjectNode(), 1, "mlp-blobs", 100, List.of(), 1.0));
        stack.awaitRows("SELECT 1 FROM runs WHERE run_id = ?", ghost, 1);
        Result r = cox("set", ghost, "learning_rate=0.01", "--timeout", "2s");
        assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.NO_ANSWER);
        assertThat(r.err).contains("no answer from run " + ghost).contains("within 2 s");
        assertThat(r.elapsed).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aRunThatFinishesWhileTheCommandWaitsEndsTheWaitWithExitSeven() throws Exception {
        String ending = "ending-" + UUID.randomUUID();
        publish(ending, new RunStarted(Json.mapper().createObjectNode(), 1, "mlp-blobs", 100, List.of(), 1.0));
        stack.awaitRows("SELECT 1 FROM runs WHERE run_id = ?", ending, 1);
        try (KafkaConsumer<String, String> control = new KafkaConsumer<>(
                Map.<String, Object>of("bootstrap.servers", stack.bootstrap()), new StringDeserializer(),
                new StringDeserializer())) {
            int partitions = control.partitionsFor(Topics.CONTROL.name()).size();
            TopicPartition tp = new TopicPartition(Topics.CONTROL.name(), Topic.partitionFor(ending, partitions));
            control.assign(List.of(tp));
            control.seekToEnd(List.of(tp));
            control.position(tp);
            CompletableFuture<Result> waiting = CompletableFuture.supplyAsync(
                    () -> cox("set", ending, "learning_rate=0.01", "--timeout", "20s"));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (var record : control.poll(Duration.ofMillis(100))) {
                    if (ending.equals(record.key())) {
                        return true;
                    }
                }
                return false;
            });
            publish(ending, new RunFinished(RunFinished.STOPPED, "rule loss_plateau"));

            Result r = waiting.get(30, TimeUnit.SECONDS);
            assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.RUN_FINISHED);
            assertThat(r.err).contains("run " + ending + " finished (stopped: rule loss_plateau")
                    .contains("before answering command");
            assertThat(r.elapsed).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void aFinishedRunIsRefusedWithExitSeven() throws Exception {
        String done = "done-" + UUID.randomUUID();
        publish(done, new RunStarted(Json.mapper().createObjectNode(), 1, "mlp-blobs", 100, List.of(), 1.0));
        publish(done, new RunFinished(RunFinished.COMPLETED, "all steps done"));
        stack.awaitRows("SELECT 1 FROM runs WHERE run_id = ? AND status = 'finished'", done, 1);
        Result r = cox("trigger", done, "checkpoint");
        assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.RUN_FINISHED);
        assertThat(r.err).contains("run '" + done + "' has finished (completed");
    }

    @Test
    void withoutAnyStackItSaysHowToStartOne() throws Exception {
        Result r = run(List.of("set", "r-1", "learning_rate=0.01", "--home",
                Files.createTempDirectory("cox-empty").toString()));
        assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err).contains("no stack found").contains("cox up");
    }

    @Test
    void aMalformedAssignmentIsAUsageError() {
        Result r = cox("set", runId, "learning_rate");
        assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err).contains("'learning_rate' is not PARAM=VALUE");
    }

    @Test
    void runsListsTheRunningRun() {
        Result r = cox("runs");
        assertThat(r.code).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.out).contains(runId).contains("running");
    }

    private static void publish(String run, io.coxswain.protocol.events.RunEvent event) throws Exception {
        EventEnvelope envelope = new EventEnvelope(new EventHeader(UUID.randomUUID().toString(), run, "cli", 1, 0,
                Instant.now()), event);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", stack.bootstrap()),
                new StringSerializer(), Topics.RUN_EVENTS.valueSerializer())) {
            producer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), run, envelope)).get();
        }
    }

    private static Result cox(String... args) {
        return coxAt(stack.bootstrap(), args);
    }

    private static Result coxAt(String bootstrap, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", bootstrap, "--jdbc", stack.jdbc()));
        return run(all);
    }

    private static Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Cox.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        long start = System.nanoTime();
        int code = cmd.execute(args.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }

    private record Result(int code, String out, String err, Duration elapsed) {
    }
}
