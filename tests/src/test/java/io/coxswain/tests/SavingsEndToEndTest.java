package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.cli.Cox;
import io.coxswain.cli.commands.SavingsText;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Savings of a real run: a person changes its learning rate live and later stops it; {@code cox savings} counts the
 * change as a restart avoided (the restart cost the agent measured, plus the steps since the run's start, as it wrote
 * no checkpoint before) and the stop as the planned steps not run, at the median step time the ledger holds; then a
 * rule set that stops at step 30 is backtested over the experiment.
 */
@ExtendWith(SharedStack.class)
class SavingsEndToEndTest {
    private static final long PLANNED = 100_000;
    private static StackFixture stack;

    @BeforeAll
    static void useSharedStack(StackFixture shared) {
        stack = shared;
    }

    @Test
    void countsWhatARealRunsLiveChangeAndStopSavedAndWhatABacktestedStopWouldHave() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String experiment = "e2e-savings-" + suffix;
        String runId = "e2e-savings-run-" + suffix;
        TrainingConfig config = TrainingConfig.builder(runId).experimentId(experiment).maxSteps(PLANNED).seed(3)
                .learningRate(0.001).checkpointDir(stack.home().resolve("ckpt")).build();
        RunStarted started;
        EventEnvelope changed;
        EventEnvelope finished;
        try (AgentThread agent = AgentThread.start(stack.bootstrap(), config);
             RunEventsReader events = new RunEventsReader(stack.bootstrap(), runId)) {
            started = (RunStarted) events.awaitEvent(RunStarted.class, e -> true).event();
            events.awaitEvent(StepCompleted.class, e -> e.step() >= 10);
            publish(runId, """
                    {"v":1,"type":"ControlCommand","commandId":"c-lr-%s","runId":"%s",
                     "source":{"kind":"user","author":"e2e"},
                     "actions":[{"op":"set","param":"learning_rate","value":0.002}]}""".formatted(suffix, runId));
            changed = events.awaitEvent(ParameterChanged.class, e -> true);
            events.awaitEvent(StepCompleted.class, e -> e.step() >= changed.step() + 40);
            publish(runId, """
                    {"v":1,"type":"ControlCommand","commandId":"c-stop-%s","runId":"%s",
                     "source":{"kind":"user","author":"e2e"},"actions":[{"op":"trigger","name":"stop"}]}"""
                    .formatted(suffix, runId));
            finished = events.awaitEvent(RunFinished.class, e -> true);
            assertThat(agent.awaitOutcome().reason()).isEqualTo(RunFinished.STOPPED);
        }
        stack.awaitRows("SELECT 1 FROM events WHERE run_id = ? AND type = 'RunFinished'", runId, 1);
        double median = ((Number) stack.queryRows("""
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (payload->>'stepSeconds')::float8)
                  FROM events WHERE run_id = ? AND type = 'StepCompleted'""", runId).get(0).get(0)).doubleValue();
        boolean metered = !stack.queryRows("""
                SELECT 1 FROM events WHERE run_id = ? AND type = 'StepCompleted'
                   AND payload->>'energySource' IN ('rapl', 'nvml')""", runId).isEmpty();
        assertThat(started.restartCostSeconds()).isPositive();

        JsonNode items = Json.mapper().readTree(cox("savings", "--run", runId, "--json")).at("/report/items");
        assertThat(items).hasSize(3);
        JsonNode change = items.get(0);
        assertThat(change.get("kind").asText()).isEqualTo("live_change");
        assertThat(change.get("step").asLong()).isEqualTo(changed.step());
        assertThat(change.at("/by/commandId").asText()).isEqualTo("c-lr-" + suffix);
        assertThat(change.at("/seconds/value").asDouble()).isCloseTo(
                started.restartCostSeconds() + changed.step() * median, within(1e-9));
        assertThat(change.at("/seconds/measure").asText()).isEqualTo("measured");
        JsonNode stop = items.get(1);
        assertThat(stop.get("kind").asText()).isEqualTo("early_stop");
        assertThat(stop.get("step").asLong()).isEqualTo(finished.step());
        assertThat(stop.at("/by/commandId").asText()).isEqualTo("c-stop-" + suffix);
        assertThat(stop.at("/seconds/value").asDouble()).isCloseTo((PLANNED - finished.step()) * median,
                within(1e-9));
        assertThat(stop.at("/energyJoules/measure").asText()).isEqualTo(metered ? "measured" : "estimated");
        assertThat(items.get(2).get("kind").asText()).isEqualTo("checkpoint_storage");

        assertThat(cox("savings", "--experiment", experiment)).contains(
                "  step " + changed.step() + "  live_change by user e2e (command c-lr-" + suffix + ")",
                "  step " + finished.step() + "  early_stop by user e2e (command c-stop-" + suffix + ")",
                "    time     " + SavingsText.time((PLANNED - finished.step()) * median));

        Path rules = Files.createTempDirectory("savings-rules").resolve("stop30.yaml");
        Files.writeString(rules, """
                controller_metrics:
                  - {name: state, class: TrainingState}
                controllers:
                  - name: stop_at_30
                    triggers: [on_step_end]
                    rule: state["global_step"] >= 30
                    operations: [hfcontrols.should_training_stop]
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = cox(out, err, "rules", "backtest", "--rules", rules.toString(), "--experiment", experiment);
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines()).singleElement().asString()
                .contains("\"commandId\":\"rule-" + runId + "-stop30-stop_at_30-on_step_end-30\"");
        assertThat(err.toString().lines()).filteredOn(l -> l.startsWith("run ") || l.startsWith("savings: "))
                .hasSize(2).satisfiesExactly(
                        line -> assertThat(line).startsWith("run " + runId + " stopped at step 30 by stop_at_30 "
                                + "(rule set stop30); "),
                        line -> assertThat(line).startsWith("savings: run " + runId + " early_stop at step 30 by rule "
                                + "stop30/stop_at_30 (command rule-" + runId + "-stop30-stop_at_30-on_step_end-30): "
                                + "time " + SavingsText.time((PLANNED - 30) * median) + " measured ("
                                + (PLANNED - 30) + " steps not run (planned " + PLANNED + ", stopped at step 30) x "
                                + "median step "));
    }

    /** Runs {@code cox} in this JVM against the stack's ledger; returns stdout, failing on a non-zero exit. */
    private static String cox(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = cox(out, err, args);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    private static int cox(StringWriter out, StringWriter err, String... args) {
        var cox = Cox.commandLine();
        cox.setOut(new PrintWriter(out, true));
        cox.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--jdbc", stack.jdbc()));
        return cox.execute(all.toArray(String[]::new));
    }

    private static void publish(String runId, String json) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", stack.bootstrap()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.CONTROL.name(), runId, json)).get();
        }
    }
}
