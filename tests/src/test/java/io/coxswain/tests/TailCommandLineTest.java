package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.cli.ExitCodes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code cox tail} on a real run: its steps, a change sent by {@code cox set} with its author, then its end. */
@ExtendWith(SharedStack.class)
class TailCommandLineTest {

    @Test
    void tailShowsStepsAndAPersonsChangeAndEndsWhenTheRunFinishes(StackFixture stack) throws Exception {
        String runId = "tail-" + UUID.randomUUID().toString().substring(0, 8);
        try (AgentThread agent = AgentThread.start(stack.bootstrap(), runId, 1_000_000,
                stack.home().resolve("ckpt"))) {
            stack.awaitRows("SELECT 1 FROM runs WHERE run_id = ?", runId, 1);
            CoxRun tail = new CoxRun();
            CompletableFuture<Void> tailing = CompletableFuture.runAsync(() -> tail.execute(List.of("tail", runId,
                    "--from-start", "--bootstrap", stack.bootstrap(), "--jdbc", stack.jdbc())));
            await().atMost(Duration.ofSeconds(30)).until(() -> tail.out().contains("loss "));
            assertThat(tail.out()).as(tail.toString()).containsPattern("(?m)^step 0 +started: mlp-blobs, "
                    + "1000000 steps planned, seed 3, experiment e2e$")
                    .containsPattern("(?m)^step 1 +loss \\d+\\.\\d{4}  lr 0\\.001000  batch \\d+  epoch \\d+\\.\\d\\d");

            CoxRun set = CoxRun.run(List.of("set", runId, "learning_rate=0.002", "--author", "ada",
                    "--reason", "tail test", "--bootstrap", stack.bootstrap(), "--jdbc", stack.jdbc()));
            assertThat(set.code()).as(set.toString()).isEqualTo(ExitCodes.OK);
            String commandId = commandIdOf(tail, "learning_rate");

            assertThat(tail.out()).as(tail.toString())
                    .contains("command " + commandId + " from user ada: set learning_rate=0.002 (reason: tail test)")
                    .containsPattern("(?m)^step \\d+ +changed learning_rate 0\\.001 -> 0\\.002 by user ada "
                            + "\\(command " + commandId + "\\)$");

            CoxRun stop = CoxRun.run(List.of("trigger", runId, "stop", "--author", "ada",
                    "--bootstrap", stack.bootstrap(), "--jdbc", stack.jdbc()));
            assertThat(stop.code()).as(stop.toString()).isEqualTo(ExitCodes.OK);
            tailing.get(30, TimeUnit.SECONDS);

            assertThat(tail.code()).as(tail.toString()).isEqualTo(ExitCodes.OK);
            assertThat(tail.out()).as(tail.toString()).containsPattern("(?m)^step \\d+ +fired stop by user ada")
                    .containsPattern("(?m)^step \\d+ +finished: stopped");
            assertThat(tail.err()).isEqualTo("tailing run " + runId + " from its start (Ctrl-C stops)\n");
        }
    }

    @Test
    void tailOfARunThatHasFinishedSaysSoAndExitsZero(StackFixture stack) throws Exception {
        String runId = "tail-done-" + UUID.randomUUID().toString().substring(0, 8);
        try (AgentThread agent = AgentThread.start(stack.bootstrap(), runId, 20, stack.home().resolve("ckpt"))) {
            agent.awaitOutcome();
        }
        stack.awaitRows("SELECT 1 FROM runs WHERE run_id = ? AND status = 'finished'", runId, 1);

        CoxRun tail = CoxRun.run(List.of("tail", runId, "--bootstrap", stack.bootstrap(), "--jdbc", stack.jdbc()));

        assertThat(tail.code()).as(tail.toString()).isEqualTo(ExitCodes.OK);
        assertThat(tail.out()).isEqualTo("run " + runId + " has already finished: completed (completed 20 of 20 steps) at step 20; "
                + "--from-start shows its history\n");

        CoxRun json = CoxRun.run(List.of("tail", runId, "--from-start", "--json", "--bootstrap", stack.bootstrap(),
                "--jdbc", stack.jdbc()));
        assertThat(json.code()).as(json.toString()).isEqualTo(ExitCodes.OK);
        List<String> lines = json.out().lines().toList();
        assertThat(lines).hasSizeGreaterThan(20).allSatisfy(line -> assertThat(line).startsWith("{\"v\":1,"));
        assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"RunFinished\"").contains("\"reason\":\"completed\"");
        assertThat(json.err()).isEmpty();
    }

    /** The id of the command whose line in the tail names {@code param}, once that line is there. */
    private static String commandIdOf(CoxRun tail, String param) {
        await().atMost(Duration.ofSeconds(20)).until(() -> tail.out().contains("changed " + param));
        String line = tail.out().lines().filter(l -> l.startsWith("command ") && l.contains("set " + param))
                .findFirst().orElseThrow(() -> new AssertionError("no command line for " + param + ":\n" + tail));
        return line.substring("command ".length(), line.indexOf(' ', "command ".length()));
    }
}
