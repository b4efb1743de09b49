package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.TriggerFired;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.RulesFeed;
import io.coxswain.cli.Cox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * A TrAC rule set published to {@code coxswain.rules} of a running stack steers a real run: loaded without a restart
 * (the load and a rejected version are in the ledger), scoped to one experiment and tag, its {@code set} and stop
 * answered by the agent, and the change recorded with the rule and its evidence.
 */
@ExtendWith(SharedStack.class)
class RuleSetEndToEndTest {
    private static StackFixture stack;

    @BeforeAll
    static void useSharedStack(StackFixture shared) {
        stack = shared;
    }

    @Test
    void aPublishedRuleSetHalvesTheLearningRateThenStopsTheRunAndTheLedgerRecordsWhy() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String experiment = "e2e-rules-" + suffix;
        String name = "halve-" + suffix;
        String yaml = """
                scope: {experiments: [%s], tags: [halving]}
                controller_metrics:
                  - {name: state, class: TrainingState}
                  - {name: loss, class: Loss}
                controllers:
                  - name: halve-then-stop
                    triggers: [on_log]
                    rule: state["global_step"] >= 20 and loss["loss"] >= 0
                    operations:
                      - set: {learning_rate: "learning_rate * 0.5"}
                      - hfcontrols.should_training_stop
                """.formatted(experiment);
        RulesFeed.publish(stack.bootstrap(), name, yaml, Duration.ofSeconds(30));
        RulesFeed.publish(stack.bootstrap(), name, yaml.replace(">= 20 and", ">= 20 and and"), Duration.ofSeconds(30));
        String rulesRun = Topics.rulesRunId(name);
        List<List<Object>> loads = stack.awaitRows(
                "SELECT type, payload->>'error' FROM events WHERE run_id = ? ORDER BY id", rulesRun, 2);
        assertThat(loads.get(0).get(0)).isEqualTo("RuleSetLoaded");
        assertThat(loads.get(1).get(0)).isEqualTo("RuleSetRejected");
        assertThat((String) loads.get(1).get(1)).contains("controller 'halve-then-stop'").contains("column");

        String runId = "e2e-rules-run-" + suffix;
        TrainingConfig config = TrainingConfig.builder(runId).experimentId(experiment).tags(List.of("halving"))
                .maxSteps(100_000).seed(3).learningRate(0.002).checkpointDir(stack.home().resolve("ckpt")).build();
        try (AgentThread agent = AgentThread.start(stack.bootstrap(), config);
             RunEventsReader events = new RunEventsReader(stack.bootstrap(), runId)) {
            events.awaitEvent(RunStarted.class, e -> true);
            ParameterChanged changed = (ParameterChanged) events.awaitEvent(ParameterChanged.class, e -> true).event();
            assertThat(changed.newValue().doubleValue()).isEqualTo(0.001);
            assertThat(changed.source().rule()).isEqualTo(name + "/halve-then-stop");
            assertThat(events.awaitEvent(TriggerFired.class, e -> true).event())
                    .isEqualTo(new TriggerFired(changed.commandId(), "stop", changed.source()));
            events.awaitEvent(RunFinished.class, e -> true);
            RunOutcome outcome = agent.awaitOutcome();
            assertThat(outcome.reason()).isEqualTo(RunFinished.STOPPED);
        }
        List<List<Object>> rows = stack.awaitRows("""
                SELECT param, new_value::text, source_kind, rule, evidence->>'controller', evidence->>'trigger',
                       (evidence->>'step')::bigint >= 20, evidence->'metrics'->'state'->>'global_step' IS NOT NULL
                FROM parameter_changes WHERE run_id = ?""", runId, 1);
        assertThat(rows).containsExactly(List.of("learning_rate", "0.001", "rule", name + "/halve-then-stop",
                "halve-then-stop", "on_log", true, true));
        assertThat(stack.awaitRows("SELECT finish_reason FROM runs WHERE run_id = ? AND status = 'finished'", runId, 1))
                .containsExactly(List.of("stopped"));

        Path file = Files.createTempDirectory("rules").resolve(name + ".yaml");
        Files.writeString(file, yaml);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cox = Cox.commandLine();
        cox.setOut(new PrintWriter(out, true));
        cox.setErr(new PrintWriter(err, true));
        int code = cox.execute("rules", "backtest", "--rules", file.toString(), "--run", runId, "--jdbc", stack.jdbc());
        assertThat(code).as(err.toString()).isZero();
        List<String> commands = out.toString().lines().toList();
        assertThat(commands).singleElement().satisfies(line -> assertThat(line)
                .contains("\"commandId\":\"rule-" + runId + "-" + name + "-halve-then-stop-on_log-"));
        assertThat(commands.get(0)).contains("\"param\":\"learning_rate\"");
        assertThat(err.toString()).contains("stopped at step");

        int unknown = Cox.commandLine().execute("rules", "backtest", "--rules", file.toString(), "--run",
                runId + "-nope", "--jdbc", stack.jdbc());
        assertThat(unknown).isEqualTo(5);
    }

    @Test
    void aRunOutsideTheScopeIsNotSteered() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "scoped-" + suffix;
        RulesFeed.publish(stack.bootstrap(), name, """
                scope: {tags: [never-%s]}
                controller_metrics:
                  - {name: state, class: TrainingState}
                controllers:
                  - {name: stop-all, triggers: [on_step_end], rule: "True", operations: [hfcontrols.should_training_stop]}
                """.formatted(suffix), Duration.ofSeconds(30));
        stack.awaitRows("SELECT type FROM events WHERE run_id = ?", Topics.rulesRunId(name), 1);
        String runId = "e2e-unscoped-" + suffix;
        try (AgentThread agent = AgentThread.start(stack.bootstrap(), runId, 60, stack.home().resolve("ckpt"));
             RunEventsReader events = new RunEventsReader(stack.bootstrap(), runId)) {
            RunFinished finished = (RunFinished) events.awaitEvent(RunFinished.class, e -> true).event();
            assertThat(finished.reason()).isEqualTo(RunFinished.COMPLETED);
            assertThat(events.seen()).noneMatch(e -> e.event() instanceof TriggerFired);
        } finally {
            RulesFeed.publish(stack.bootstrap(), name, null, Duration.ofSeconds(30));
        }
    }
}
