package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.cli.Cox;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cox train} as a person uses it: configuration files and flags, several runs in one JVM, resume errors. */
@ExtendWith(SharedStack.class)
class TrainCommandLineTest {
    @TempDir
    Path home;

    private final StackFixture stack;

    TrainCommandLineTest(StackFixture stack) {
        this.stack = stack;
    }

    @Test
    void trainsSeveralRunsSideBySideInOneJvmEachWithItsOwnSeedAndEvents() {
        String base = "multi-" + UUID.randomUUID().toString().substring(0, 6);

        Result r = cox("train", "--run-id", base, "--runs", "3", "--steps", "20", "--eval-steps", "1000");

        assertThat(r.code()).as(r.err()).isZero();
        List<List<Double>> losses = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            try (RunEventsReader reader = new RunEventsReader(stack.bootstrap(), base + "-" + i)) {
                EventEnvelope finished = reader.awaitEvent(RunFinished.class, e -> true);
                assertThat(finished.event()).isEqualTo(new RunFinished(RunFinished.COMPLETED,
                        "completed 20 of 20 steps"));
                List<EventEnvelope> events = reader.seen();
                assertThat(events).extracting(e -> e.header().seq())
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
                assertThat(((RunStarted) events.get(0).event()).seed()).isEqualTo(41 + i);
                losses.add(events.stream().filter(e -> e.event() instanceof StepCompleted)
                        .map(e -> ((StepCompleted) e.event()).loss()).toList());
            }
        }
        assertThat(losses).allSatisfy(run -> assertThat(run).hasSize(20));
        assertThat(losses.get(0)).isNotEqualTo(losses.get(1));
        assertThat(losses.get(1)).isNotEqualTo(losses.get(2));

        String alone = base + "-alone";
        assertThat(cox("train", "--run-id", alone, "--seed", "43", "--steps", "20", "--eval-steps", "1000").code())
                .isZero();
        try (RunEventsReader reader = new RunEventsReader(stack.bootstrap(), alone)) {
            reader.awaitEvent(RunFinished.class, e -> true);
            assertThat(reader.seen().stream().filter(e -> e.event() instanceof StepCompleted)
                    .map(e -> ((StepCompleted) e.event()).loss()).toList())
                    .as("the run with seed 43 trained beside two others equals the same run trained alone")
                    .isEqualTo(losses.get(1));
        }
    }

    @Test
    void readsAConfigurationFileWithFlagsAndSetOverIt() throws Exception {
        String runId = "cfg-" + UUID.randomUUID().toString().substring(0, 6);
        Path file = home.resolve("run.yaml");
        Files.writeString(file, "run_id: " + runId + "\nworkload: iris\nmax_steps: 50\nbatch_size: 8\n"
                + "learning_rate: 1e-2\nlr_scheduler_type: cosine\nwarmup_steps: 2\n");

        Result r = cox("train", "--config", file.toString(), "--steps", "12", "--set", "eval_steps=6");

        assertThat(r.code()).as(r.err()).isZero();
        try (RunEventsReader reader = new RunEventsReader(stack.bootstrap(), runId)) {
            reader.awaitEvent(RunFinished.class, e -> true);
            RunStarted started = (RunStarted) reader.seen().get(0).event();
            assertThat(started.workload()).isEqualTo("iris");
            assertThat(started.plannedSteps()).isEqualTo(12);
            assertThat(started.config().get("eval_steps").asInt()).isEqualTo(6);
            assertThat(started.config().get("learning_rate").asDouble()).isEqualTo(0.01);
            assertThat(started.config().get("effective_batch_size").asInt()).isEqualTo(8);
        }
    }

    @Test
    void anInvalidConfigurationListsEveryProblemAndExitsTwoBeforeTraining() {
        Result r = cox("train", "--run-id", "bad-config", "--steps", "0", "--lr", "-1", "--optimizer", "rmsprop",
                "--set", "warmup_ratio=2");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("invalid training configuration for run bad-config (4 problems)",
                "max_steps must be >= 1, got 0", "learning_rate must be > 0 and <= 10, got -1.0",
                "optimizer must be one of sgd, momentum, adam, adamw, got \"rmsprop\"",
                "warmup_ratio must be >= 0 and < 1, got 2.0");
    }

    @Test
    void resumingARunWithoutACheckpointIsAUsageErrorNamingTheDirectory() {
        Result r = cox("train", "--run-id", "never-ran", "--resume");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("run never-ran has no checkpoint under " + home.resolve("checkpoints")
                .resolve("never-ran").toAbsolutePath());
    }

    @Test
    void resumingAFinishedRunExitsSeven() {
        String runId = "done-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(cox("train", "--run-id", runId, "--steps", "5").code()).isZero();

        Result r = cox("train", "--run-id", runId, "--resume");

        assertThat(r.code()).isEqualTo(7);
        assertThat(r.err()).contains("run " + runId + " already finished");
    }

    @Test
    void resumeRefusesOtherTrainingSettings() {
        Result r = cox("train", "--run-id", "r-x", "--resume", "--lr", "0.1");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--resume continues with the configuration recorded in the checkpoint");
    }

    private Result cox(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", stack.bootstrap(), "--jdbc", stack.jdbc(), "--home", home.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Cox.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int code, String out, String err) {
    }
}
