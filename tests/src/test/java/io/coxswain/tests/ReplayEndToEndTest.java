package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.events.EventListener;
import io.coxswain.agent.replay.ScheduleYaml;
import io.coxswain.cli.Cox;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.schedule.ControlSchedule;
import io.coxswain.protocol.schedule.ScheduleEntry;
import io.coxswain.protocol.schedule.ScheduleOrigin;
import io.coxswain.protocol.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A real run is steered by commands (learning rate, weight decay, a checkpoint) and finishes; {@code cox recipe}
 * exports its schedule from the ledger, {@code cox replay} re-executes it on CPU with the same losses bit for bit (its
 * changes recorded with source kind replay), {@code cox train --schedule} applies the recipe to a longer run, and a
 * replay with another seed is reported as a mismatch.
 */
@ExtendWith(SharedStack.class)
class ReplayEndToEndTest {
    private static final int STEPS = 300;

    @TempDir
    Path home;

    private final StackFixture stack;

    ReplayEndToEndTest(StackFixture stack) {
        this.stack = stack;
    }

    @Test
    void aSteeredRunIsExportedReplayedExactlyAndItsRecipeAppliedToALongerRun() throws Exception {
        String original = "replay-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> appliedAt = trainSteered(original);
        long lr = appliedAt.get("c-lr");
        long wd = appliedAt.get("c-wd");
        long checkpoint = appliedAt.get("c-ckpt");
        assertThat(lr).isLessThan(wd);
        assertThat(wd).isLessThan(checkpoint);
        List<Double> originalLosses = losses(original);
        assertThat(originalLosses).hasSize(STEPS);

        Result recipe = cox("recipe", original);
        assertThat(recipe.code()).as(recipe.err()).isZero();
        assertThat(recipe.out()).startsWith("# control schedule of run " + original + " (mlp-blobs, seed 5, " + STEPS
                + " steps planned, completed at step " + STEPS + "): 3 entries\n");
        assertThat(ScheduleYaml.read(recipe.out(), "cox recipe").schedule()).isEqualTo(new ControlSchedule(original,
                List.of(entry(lr, "c-lr", new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.003))),
                        entry(wd, "c-wd", new Action.SetParameter("weight_decay", DoubleNode.valueOf(0.01))),
                        entry(checkpoint, "c-ckpt", new Action.FireTrigger("checkpoint")))));
        Result asJson = cox("recipe", original, "--json");
        assertThat(asJson.out().strip()).isEqualTo(ScheduleYaml.toTree(
                ScheduleYaml.read(recipe.out(), "cox recipe").schedule()).toString());
        Path recipeFile = home.resolve("recipe.yaml");
        Files.writeString(recipeFile, recipe.out());

        String replay = original + "-replay-1";
        Result replayed = cox("replay", original);
        assertThat(replayed.code()).as(replayed.out() + replayed.err()).isZero();
        assertThat(replayed.out()).startsWith("replaying run " + original + " as " + replay + ": mlp-blobs, seed 5,"
                + " 3 schedule entries\n").endsWith("replay " + replay + " completed at step " + STEPS
                + "; loss sequence matched exactly over " + STEPS + " steps\n");
        stack.awaitRows("SELECT 1 FROM events WHERE run_id = ? AND type = 'RunFinished'", replay, 1);
        assertThat(stack.queryRows("""
                SELECT param, new_value::text, source_kind, author, step, command_id FROM parameter_changes
                 WHERE run_id = ? ORDER BY step""", replay)).containsExactly(
                List.of("learning_rate", "0.003", "replay", "replay:" + original, lr, "schedule-" + replay + "-1"),
                List.of("weight_decay", "0.01", "replay", "replay:" + original, wd, "schedule-" + replay + "-2"));
        assertThat(stack.queryRows("""
                SELECT step, payload->>'name', payload->'source'->>'kind' FROM events
                 WHERE run_id = ? AND type = 'TriggerFired'""", replay))
                .containsExactly(List.of(checkpoint, "checkpoint", "replay"));
        assertThat(losses(replay)).isEqualTo(originalLosses);

        String longer = original + "-longer";
        Result trained = cox("train", "--run-id", longer, "--experiment", "e2e", "--seed", "5", "--steps",
                String.valueOf(STEPS + 200), "--schedule", recipeFile.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        stack.awaitRows("SELECT 1 FROM events WHERE run_id = ? AND type = 'RunFinished'", longer, 1);
        assertThat(stack.queryRows("""
                SELECT param, source_kind, author, step FROM parameter_changes WHERE run_id = ? ORDER BY step""",
                longer)).containsExactly(List.of("learning_rate", "replay", "schedule:recipe.yaml", lr),
                List.of("weight_decay", "replay", "schedule:recipe.yaml", wd));
        List<Double> longerLosses = losses(longer);
        assertThat(longerLosses).hasSize(STEPS + 200);
        assertThat(longerLosses.subList(0, STEPS)).as("the same changes at the same steps of the same run")
                .isEqualTo(originalLosses);

        Result otherSeed = cox("replay", original, "--as", original + "-seed-6", "--seed", "6", "--json");
        assertThat(otherSeed.code()).as(otherSeed.err()).isEqualTo(10);
        JsonNode result = Json.mapper().readTree(otherSeed.out());
        assertThat(result.path("matched").asBoolean()).isFalse();
        assertThat(result.path("differsAt").asLong()).isEqualTo(1);
        assertThat(result.path("originalLoss").asDouble()).isEqualTo(originalLosses.get(0));
        assertThat(result.path("replayLoss").asDouble()).isNotEqualTo(originalLosses.get(0));
        assertThat(result.path("seed").asLong()).isEqualTo(6);
        assertThat(result.path("summary").asText()).isEqualTo("loss sequence differs first at step 1 (after 0"
                + " matching steps): original " + originalLosses.get(0) + ", replay "
                + result.path("replayLoss").asDouble());
        assertThat(otherSeed.err()).contains(original + "-seed-6: started: mlp-blobs, " + STEPS
                + " steps planned, seed 6");

        Result taken = cox("replay", original, "--as", replay);
        assertThat(taken.code()).isEqualTo(2);
        assertThat(taken.err()).contains("run '" + replay + "' is already in the ledger; --as names a new run");
    }

    @Test
    void anUnknownRunIsExitFiveWithCloseMatchesAndABadScheduleIsExitTwoBeforeTraining() throws Exception {
        String original = "recipe-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(cox("train", "--run-id", original, "--steps", "3").code()).isZero();
        stack.awaitRows("SELECT 1 FROM runs WHERE run_id = ?", original, 1);

        Result unknown = cox("replay", original + "x");
        assertThat(unknown.code()).isEqualTo(5);
        assertThat(unknown.err()).contains("unknown run '" + original + "x'; did you mean " + original);
        assertThat(cox("recipe", original + "x").code()).isEqualTo(5);

        Path bad = home.resolve("bad.yaml");
        Files.writeString(bad, """
                entries:
                  - step: 10
                    set: {learnin_rate: 0.01}
                  - step: -1
                    trigger: checkpoint
                """);
        Result refused = cox("train", "--run-id", original + "-bad", "--steps", "20", "--schedule", bad.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("invalid control schedule " + bad + " (1 problem): entries[1] (line 4):"
                + " step must be >= 0");
        Files.writeString(bad, "entries:\n  - step: 10\n    set: {learnin_rate: 0.01}\n");
        Result unknownParameter = cox("train", "--run-id", original + "-bad", "--steps", "20", "--schedule",
                bad.toString());
        assertThat(unknownParameter.code()).isEqualTo(2);
        assertThat(unknownParameter.err()).contains("invalid control schedule " + bad + " for run " + original
                + "-bad (1 problem): entries[0] (line 2): set.learnin_rate: unknown parameter 'learnin_rate'");
        assertThat(stack.queryRows("SELECT run_id FROM runs WHERE run_id = ?", original + "-bad")).isEmpty();
    }

    private static ScheduleEntry entry(long step, String commandId, Action action) {
        return new ScheduleEntry(step, List.of(action), new ScheduleOrigin(commandId, SourceKind.USER, "e2e", null));
    }

    /**
     * Trains {@value #STEPS} steps of mlp-blobs, sending three commands from the training thread after steps 30, 100
     * and 170 (each lands a few steps later, at a step the ledger records); returns the step each was applied at.
     */
    private Map<String, Long> trainSteered(String runId) throws Exception {
        Map<Long, String> commands = Map.of(
                30L, command(runId, "c-lr", "{\"op\":\"set\",\"param\":\"learning_rate\",\"value\":0.003}"),
                100L, command(runId, "c-wd", "{\"op\":\"set\",\"param\":\"weight_decay\",\"value\":0.01}"),
                170L, command(runId, "c-ckpt", "{\"op\":\"trigger\",\"name\":\"checkpoint\"}"));
        TrainingConfig config = TrainingConfig.builder(runId).experimentId("e2e").maxSteps(STEPS).seed(5)
                .checkpointDir(home.resolve("checkpoints")).build();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                stack.bootstrap()), new StringSerializer(), new StringSerializer())) {
            EventListener steer = event -> {
                if (event.event() instanceof StepCompleted && commands.containsKey(event.step())) {
                    send(producer, runId, commands.get(event.step()));
                }
            };
            try (TrainerAgent agent = TrainerAgent.connect(config, stack.bootstrap(), steer)) {
                RunOutcome outcome = agent.run();
                assertThat(outcome.completed()).as(outcome.detail()).isTrue();
            }
        }
        stack.awaitRows("SELECT 1 FROM events WHERE run_id = ? AND type = 'RunFinished'", runId, 1);
        Map<String, Long> appliedAt = new LinkedHashMap<>();
        for (List<Object> row : stack.queryRows("""
                SELECT command_id, step FROM events WHERE run_id = ? AND type IN ('ParameterChanged', 'TriggerFired')
                 ORDER BY run_seq""", runId)) {
            appliedAt.put((String) row.get(0), (Long) row.get(1));
        }
        assertThat(appliedAt).containsOnlyKeys("c-lr", "c-wd", "c-ckpt");
        return appliedAt;
    }

    private static String command(String runId, String id, String action) {
        return "{\"v\":1,\"type\":\"ControlCommand\",\"commandId\":\"" + id + "\",\"runId\":\"" + runId + "\","
                + "\"source\":{\"kind\":\"user\",\"author\":\"e2e\"},\"actions\":[" + action + "]}";
    }

    private static void send(KafkaProducer<String, String> producer, String runId, String json) {
        try {
            producer.send(new ProducerRecord<>(Topics.CONTROL.name(), runId, json)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a command", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send a command to run " + runId, e.getCause());
        }
    }

    /** The run's losses by step from the ledger, as stored. */
    private List<Double> losses(String runId) throws Exception {
        List<Double> losses = new ArrayList<>();
        for (List<Object> row : stack.queryRows("""
                SELECT payload->>'loss' FROM events WHERE run_id = ? AND type = 'StepCompleted' ORDER BY step""",
                runId)) {
            losses.add(Double.parseDouble((String) row.get(0)));
        }
        return losses;
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
