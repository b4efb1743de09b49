package io.coxswain.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.events.ControlLogged;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterSpec;
import io.coxswain.protocol.events.RuleFailed;
import io.coxswain.protocol.events.RuleSkipped;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.streams.RunEvents;
import io.coxswain.streams.rules.trac.RuleSetLoadException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
    private final RuleEngine engine = RuleEngine.inMemory();

    private static final String STOP_ON_HIGH_LOSS = """
            controller_metrics:
              - name: loss
                class: Loss
            controllers:
              - name: high-loss
                triggers: [on_log]
                rule: loss["loss"] > 2.0
                patience:
                  patience_threshold: 2
                operations:
                  - hfcontrols.should_save
                  - hfcontrols.should_training_stop
            """;

    @Test
    void patienceDelaysTheFiringAndTheCommandCarriesEvidence() {
        RuleSet set = RuleSet.load("guard", STOP_ON_HIGH_LOSS);
        List<ControlCommand> commands = run(set, RunEvents.started("r-1"), RunEvents.step("r-1", 1, 3.0),
                RunEvents.step("r-1", 2, 3.0), RunEvents.step("r-1", 3, 3.0), RunEvents.step("r-1", 4, 3.0));

        assertThat(commands).hasSize(1);
        ControlCommand command = commands.get(0);
        assertThat(command.commandId()).isEqualTo("rule-r-1-guard-high-loss-on_log-3");
        assertThat(command.actions()).containsExactly(new Action.FireTrigger("checkpoint"),
                new Action.FireTrigger("stop"));
        assertThat(command.source().kind()).isEqualTo(SourceKind.RULE);
        assertThat(command.source().rule()).isEqualTo("guard/high-loss");
        JsonNode evidence = command.source().evidence();
        assertThat(evidence.get("controller").asText()).isEqualTo("high-loss");
        assertThat(evidence.get("trigger").asText()).isEqualTo("on_log");
        assertThat(evidence.get("step").asLong()).isEqualTo(3);
        assertThat(evidence.at("/metrics/loss/loss").asDouble()).isEqualTo(3.0);
        assertThat(evidence.at("/patience/count").asInt()).isEqualTo(3);
        assertThat(evidence.at("/patience/threshold").asInt()).isEqualTo(2);
        assertThat(evidence.get("version").asText()).isEqualTo(set.version());
    }

    @Test
    void aStopEndsTheCommandsForThatRunUntilItRestarts() {
        RuleSet set = RuleSet.load("guard", STOP_ON_HIGH_LOSS.replace("patience_threshold: 2", "patience_threshold: 0"));
        List<ControlCommand> commands = run(set, RunEvents.started("r-1"), RunEvents.step("r-1", 1, 3.0),
                RunEvents.step("r-1", 2, 3.0));
        assertThat(commands).extracting(ControlCommand::commandId).containsExactly("rule-r-1-guard-high-loss-on_log-1");

        List<ControlCommand> afterResume = run(set, RunEvents.started("r-1"), RunEvents.step("r-1", 3, 3.0));
        assertThat(afterResume).extracting(ControlCommand::commandId)
                .containsExactly("rule-r-1-guard-high-loss-on_log-3");
    }

    @Test
    void aMetricWithoutValueSkipsTheRuleAndIsReportedOnce() {
        RuleSet set = RuleSet.load("eval", """
                controller_metrics:
                  - name: eval
                    class: EvalMetrics
                controllers:
                  - name: eval-guard
                    triggers: [on_step_end]
                    rule: eval["eval_loss"] > 1.0
                    operations: [hfcontrols.should_training_stop]
                """);
        List<EventEnvelope> events = new ArrayList<>();
        for (EventEnvelope e : List.of(RunEvents.started("r-1"), RunEvents.step("r-1", 1, 1.0),
                RunEvents.step("r-1", 2, 1.0))) {
            events.addAll(engine.process(e, List.of(set)).events());
        }
        assertThat(events).hasSize(1);
        RuleSkipped skipped = (RuleSkipped) events.get(0).event();
        assertThat(skipped.metric()).isEqualTo("eval");
        assertThat(skipped.reason()).contains("no evaluation yet");
        assertThat(events.get(0).header().seq()).isZero();

        Emitted afterEval = engine.process(RunEvents.envelope("r-1", 3, new EvalCompleted(Map.of("eval_loss", 1.5))),
                List.of(set));
        assertThat(afterEval.commands()).isEmpty();
        assertThat(engine.process(RunEvents.step("r-1", 4, 1.0), List.of(set)).commands()).hasSize(1);
    }

    @Test
    void aRuleThatFailsAtRunTimeIsReportedOncePerErrorAndNeverThrows() {
        RuleSet set = RuleSet.load("bad", """
                controller_metrics:
                  - name: loss
                    class: Loss
                controllers:
                  - name: typo
                    triggers: [on_log]
                    rule: loss["los"] > 1
                    operations: [hfcontrols.should_training_stop]
                  - name: not-boolean
                    triggers: [on_log]
                    rule: loss["loss"] * 2
                    operations: [hfcontrols.should_save]
                """);
        List<EventEnvelope> events = new ArrayList<>();
        List<ControlCommand> commands = new ArrayList<>();
        for (EventEnvelope e : List.of(RunEvents.started("r-1"), RunEvents.step("r-1", 1, 1.0),
                RunEvents.step("r-1", 2, 1.0))) {
            Emitted emitted = engine.process(e, List.of(set));
            events.addAll(emitted.events());
            commands.addAll(emitted.commands());
        }
        assertThat(commands).isEmpty();
        assertThat(events).extracting(e -> ((RuleFailed) e.event()).controller()).containsExactly("typo",
                "not-boolean");
        RuleFailed typo = (RuleFailed) events.get(0).event();
        assertThat(typo.error()).contains("los");
        assertThat(typo.ruleSet()).isEqualTo("bad");
        assertThat(((RuleFailed) events.get(1).event()).error()).contains("true or false");
    }

    @Test
    void setOperationsComputeValuesFromMetricsAndParametersInListedOrder() {
        RuleSet set = RuleSet.load("halve", """
                controller_metrics:
                  - name: loss
                    class: Loss
                controllers:
                  - name: halve-lr
                    triggers: [on_log]
                    rule: loss["loss"] > 1.0
                    operations:
                      - hfcontrols.should_evaluate
                      - set: {learning_rate: "learning_rate * 0.5", batch_size: "params['batch_size'] * 2"}
                      - hfcontrols.should_save
                """);
        List<ControlCommand> commands = run(set, started("r-1", 0.1, 32), RunEvents.step("r-1", 1, 2.0));
        assertThat(commands).hasSize(1);
        List<Action> actions = commands.get(0).actions();
        assertThat(actions).hasSize(4);
        assertThat(actions.get(0)).isEqualTo(new Action.FireTrigger("evaluate"));
        assertThat(actions.get(1)).isEqualTo(new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.05)));
        assertThat(((Action.SetParameter) actions.get(2)).value().asLong()).isEqualTo(64);
        assertThat(actions.get(3)).isEqualTo(new Action.FireTrigger("checkpoint"));
    }

    @Test
    void logControlPublishesTheFormattedMessageAsAnEvent() {
        RuleSet set = RuleSet.load("log", """
                controller_metrics:
                  - name: loss
                    class: Loss
                  - name: state
                    class: TrainingState
                operations:
                  - name: logger
                    class: LogControl
                    arguments:
                      log_format: "step {state[global_step]}: loss {loss[loss]:.3f} {{raw}}"
                      log_level: warning
                controllers:
                  - name: log-loss
                    triggers: [on_log]
                    rule: "True"
                    operations: [logger.log]
                """);
        Emitted emitted = engine.process(RunEvents.step("r-1", 7, 0.123456), List.of(set));
        assertThat(emitted.commands()).isEmpty();
        ControlLogged logged = (ControlLogged) emitted.events().get(0).event();
        assertThat(logged.message()).isEqualTo("step 7: loss 0.123 {raw}");
        assertThat(logged.level()).isEqualTo("warning");
    }

    @Test
    void scopeSelectsRunsByExperimentAndTags() {
        RuleSet set = RuleSet.load("scoped", STOP_ON_HIGH_LOSS.replace("patience_threshold: 2", "patience_threshold: 0")
                + "scope:\n  experiments: [exp-1]\n  tags: [sweep]\n");
        assertThat(run(set, RunEvents.started("untagged"), RunEvents.step("untagged", 1, 5.0))).isEmpty();
        RunStarted tagged = new RunStarted(Json.mapper().createObjectNode().set("tags",
                Json.mapper().createArrayNode().add("sweep").add("lr")), 1, "mlp", 100, List.of(), 1.0);
        assertThat(run(set, RunEvents.envelope("tagged", 0, tagged), RunEvents.step("tagged", 1, 5.0))).hasSize(1);
    }

    @Test
    void triggersRunInHfOrderWithinOneStep() {
        RuleSet set = RuleSet.load("order", """
                controller_metrics:
                  - name: state
                    class: TrainingState
                controllers:
                  - name: on-epoch
                    triggers: [on_epoch_end]
                    rule: "True"
                    operations: [hfcontrols.should_save]
                  - name: on-step
                    triggers: [on_step_end, on_log]
                    rule: "True"
                    operations: [hfcontrols.should_log]
                """);
        List<ControlCommand> commands = run(set, RunEvents.step("r-1", 100, 1.0));
        assertThat(commands).extracting(ControlCommand::commandId).containsExactly(
                "rule-r-1-order-on-step-on_step_end-100", "rule-r-1-order-on-step-on_log-100",
                "rule-r-1-order-on-epoch-on_epoch_end-100");
    }

    @Test
    void badSetExpressionsAndScopesFailAtLoadNamingTheController() {
        assertThatThrownBy(() -> RuleSet.load("x", STOP_ON_HIGH_LOSS.replace("- hfcontrols.should_save",
                "- set: {learning_rate: \"learning_rate *\"}")))
                .isInstanceOf(RuleSetLoadException.class)
                .hasMessageContaining("controller 'high-loss'").hasMessageContaining("set learning_rate")
                .hasMessageContaining("column");
        assertThatThrownBy(() -> RuleSet.load("x", STOP_ON_HIGH_LOSS + "scope:\n  runs: [a]\n"))
                .isInstanceOf(RuleSetLoadException.class).hasMessageContaining("scope")
                .hasMessageContaining("runs");
    }

    @Test
    void aSetExpressionGivingNoNumberIsARuleFailureNotACommand() {
        RuleSet set = RuleSet.load("nan", STOP_ON_HIGH_LOSS.replace("patience_threshold: 2", "patience_threshold: 0")
                .replace("- hfcontrols.should_save", "- set: {learning_rate: \"[learning_rate]\"}"));
        Emitted emitted = engine.process(started("r-1", 0.1, 32), List.of(set));
        emitted = engine.process(RunEvents.step("r-1", 1, 3.0), List.of(set));
        assertThat(emitted.commands()).isEmpty();
        assertThat(((RuleFailed) emitted.events().get(0).event()).error()).contains("not a number");
    }

    private List<ControlCommand> run(RuleSet set, EventEnvelope... events) {
        List<ControlCommand> commands = new ArrayList<>();
        for (EventEnvelope e : events) {
            commands.addAll(engine.process(e, List.of(set)).commands());
        }
        return commands;
    }

    private static EventEnvelope started(String runId, double learningRate, int batchSize) {
        List<ParameterSpec> parameters = List.of(
                new ParameterSpec("learning_rate", "float", 0.0, 10.0, true, DoubleNode.valueOf(learningRate), ""),
                new ParameterSpec("batch_size", "int", 1.0, 4096.0, false,
                        Json.mapper().getNodeFactory().numberNode(batchSize), ""));
        return RunEvents.envelope(runId, 0, new RunStarted(Json.mapper().createObjectNode(), 1, "mlp", 100,
                parameters, 1.0));
    }

}
