package io.coxswain.streams.rules.trac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every way a controller file can be wrong is one exception naming the entry, the field, the line and column. */
class RuleSetLoadErrorTest {
    private static final String METRIC = """
            controller_metrics:
              - name: loss
                class: Loss
            """;

    private static String controller(String rule, String extra) {
        return METRIC + """
                controllers:
                  - name: stop-on-plateau
                    triggers: [on_step_end]
                    rule: %s
                    operations: [hfcontrols.should_training_stop]
                %s""".formatted(rule, extra);
    }

    private static void rejects(String yaml, String message) {
        assertThatThrownBy(() -> TracFixtures.load(yaml))
                .isInstanceOf(RuleSetLoadException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsAnUnknownMetricClass() {
        rejects("""
                controller_metrics:
                  - name: m
                    class: Accuracy
                controllers: []
                """, "metric 'm', field 'class': unknown metric class 'Accuracy'; known: DataBatchInspector, "
                + "EvalMetrics, HistoryBasedMetric, Loss, PerProcessState, TrainingState, WindowedMetric "
                + "(test.yaml line 3)");
    }

    @Test
    void rejectsAnEvalMetricsSourceEventOtherThanEvaluateOrPredict() {
        rejects("""
                controller_metrics:
                  - name: m
                    class: EvalMetrics
                    arguments: {source_event: on_log}
                """, "metric 'm', field 'arguments': argument 'source_event' must be one of [on_evaluate, "
                + "on_predict], got 'on_log' (test.yaml line 4)");
    }

    @Test
    void rejectsAnUnknownOperationClass() {
        rejects("""
                operations:
                  - name: o
                    class: Slack
                """, "operation 'o', field 'class': unknown operation class 'Slack'; known: HFControls, LogControl "
                + "(test.yaml line 3)");
    }

    @Test
    void rejectsAnUnknownTrigger() {
        rejects(METRIC + """
                controllers:
                  - name: c
                    triggers: [on_step_end, on_batch_end]
                    rule: loss < 1
                    operations: [hfcontrols.should_save]
                """, "controller 'c', field 'triggers': unknown trigger 'on_batch_end'; known: on_init_end, "
                + "on_train_begin, on_train_end, on_epoch_begin, on_epoch_end, on_step_begin, on_substep_end, "
                + "on_step_end, on_optimizer_step, on_evaluate, on_predict, on_prediction_step, on_save, on_log "
                + "(test.yaml line 6)");
    }

    @Test
    void rejectsAnUndeclaredOperation() {
        rejects(METRIC + """
                controllers:
                  - name: c
                    triggers: [on_log]
                    rule: loss < 1
                    operations: [slack.post]
                """, "controller 'c', field 'operations': unknown operation 'slack' in 'slack.post'; declared: "
                + "[hfcontrols] (test.yaml line 8)");
    }

    @Test
    void rejectsAnActionTheOperationDoesNotHave() {
        rejects(METRIC + """
                controllers:
                  - name: c
                    triggers: [on_log]
                    rule: loss < 1
                    operations: [hfcontrols.should_explode]
                """, "controller 'c', field 'operations': operation 'hfcontrols' (HFControls) has no action "
                + "'should_explode'; actions: [should_epoch_stop, should_evaluate, should_log, should_save, "
                + "should_training_stop] (test.yaml line 8)");
    }

    @Test
    void rejectsAnOperationReferenceWithoutAnAction() {
        rejects(controller("loss < 1", "").replace("hfcontrols.should_training_stop", "hfcontrols"),
                "controller 'stop-on-plateau', field 'operations': 'hfcontrols' must be <operation name>.<action> "
                        + "(test.yaml line 8)");
    }

    @Test
    void rejectsARuleThatDoesNotParseWithItsColumnAndLine() {
        RuleSetLoadException e = (RuleSetLoadException) org.assertj.core.api.Assertions.catchThrowable(
                () -> TracFixtures.load(controller("'loss < < 1'", "")));

        assertThat(e.subject()).isEqualTo("controller 'stop-on-plateau'");
        assertThat(e.field()).isEqualTo("rule");
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.getMessage()).startsWith("controller 'stop-on-plateau', field 'rule', column 8: ")
                .endsWith(" (test.yaml line 7)");
    }

    @Test
    void rejectsForbiddenRuleSyntax() {
        RuleSetLoadException e = (RuleSetLoadException) org.assertj.core.api.Assertions.catchThrowable(
                () -> TracFixtures.load(controller("'(lambda: loss)()'", "")));

        assertThat(e.getMessage()).isEqualTo("controller 'stop-on-plateau', field 'rule', column 2: "
                + "lambda expressions are not allowed (test.yaml line 7)");
    }

    @Test
    void rejectsARuleReadingANameNoMetricDefines() {
        rejects(controller("loss < 1 and eval_loss > 2 and accuracy < 0.5", ""),
                "controller 'stop-on-plateau', field 'rule': uses name(s) [eval_loss, accuracy] that no "
                        + "controller_metrics entry defines; defined: [loss] (test.yaml line 7)");
    }

    @Test
    void rejectsDuplicateControllerMetricAndOperationNames() {
        rejects(controller("loss < 1", """
                  - name: stop-on-plateau
                    triggers: [on_log]
                    rule: loss < 2
                    operations: [hfcontrols.should_log]
                """), "controller 'stop-on-plateau', field 'name': duplicate controller name 'stop-on-plateau' "
                + "(test.yaml line 9)");
        rejects(METRIC + """
                  - name: loss
                    class: TrainingState
                """, "metric 'loss', field 'name': duplicate metric name 'loss' (test.yaml line 4)");
        rejects("""
                operations:
                  - name: hfcontrols
                    class: HFControls
                """, "operation 'hfcontrols', field 'name': 'hfcontrols' is predefined and cannot be declared again "
                + "(test.yaml line 2)");
    }

    @Test
    void rejectsADuplicateKey() {
        rejects("""
                controllers:
                  - name: c
                    name: d
                """, "file: duplicate key 'name' (test.yaml line 3)");
    }

    @Test
    void rejectsMissingRequiredFields() {
        rejects("controller_metrics: []\n", "file, field 'controllers': is required (test.yaml line 1)");
        rejects("controllers:\n  - triggers: [on_log]\n",
                "controller #1, field 'name': is required (test.yaml line 2)");
        rejects(METRIC + """
                controllers:
                  - name: c
                    triggers: [on_log]
                    operations: [hfcontrols.should_log]
                """, "controller 'c', field 'rule': is required (test.yaml line 5)");
    }

    @Test
    void rejectsWrongTypes() {
        rejects(METRIC + "controllers: {name: c}\n",
                "file, field 'controllers': must be a non-empty list, got mapping (test.yaml line 4)");
        rejects(controller("12", ""),
                "controller 'stop-on-plateau', field 'rule': must be a non-empty string, got integer "
                        + "(test.yaml line 7)");
        rejects(controller("loss < 1", "").replace("triggers: [on_step_end]", "triggers: on_step_end"),
                "controller 'stop-on-plateau', field 'triggers': must be a non-empty list, got string "
                        + "(test.yaml line 6)");
        rejects("""
                controller_metrics:
                  - name: h
                    class: HistoryBasedMetric
                    arguments: {window_size: ten}
                """, "metric 'h', field 'arguments': argument 'window_size' must be an integer, got 'ten' "
                + "(test.yaml line 4)");
        rejects("- a\n", "file: must be a mapping, got list (test.yaml line 1)");
    }

    @Test
    void rejectsBadPatienceValues() {
        rejects(controller("loss < 1", "    patience: {patience_threshold: -1}\n"),
                "controller 'stop-on-plateau', field 'patience_threshold': must be a non-negative integer, got -1 "
                        + "(test.yaml line 9)");
        rejects(controller("loss < 1", "    patience: {patience_threshold: 1.5}\n"),
                "controller 'stop-on-plateau', field 'patience_threshold': must be a non-negative integer, got 1.5 "
                        + "(test.yaml line 9)");
        rejects(controller("loss < 1", "    patience: {mode: sometimes}\n"),
                "controller 'stop-on-plateau', field 'mode': must be reset_on_failure or no_reset_on_failure, "
                        + "got 'sometimes' (test.yaml line 9)");
    }

    @Test
    void rejectsMalformedYamlWithItsLine() {
        RuleSetLoadException e = (RuleSetLoadException) org.assertj.core.api.Assertions.catchThrowable(
                () -> TracFixtures.load("controllers:\n  - name: [c\n"));

        assertThat(e.subject()).isEqualTo("file");
        assertThat(e.line()).isPositive();
        assertThat(e.getMessage()).startsWith("file: not well-formed: while parsing a flow sequence");
    }

    @Test
    void acceptsACustomMetricClassAndOperationClass() {
        TracMetricClass gpu = new TracMetricClass() {
            public String className() {
                return "GpuMemory";
            }

            public Optional<String> checkArguments(Map<String, Object> arguments) {
                return Optional.empty();
            }
        };
        TracOperationClass slack = new TracOperationClass() {
            public String className() {
                return "Slack";
            }

            public Set<String> actions() {
                return Set.of("post");
            }

            public Optional<String> checkArguments(Map<String, Object> arguments) {
                return Optional.empty();
            }
        };
        TracClasses classes = TracClasses.of(List.of(gpu), List.of(slack, BuiltinOperation.HF_CONTROLS));

        TracRuleSet set = TracRuleSet.load("""
                controller_metrics: [{name: gpu, class: GpuMemory}]
                operations: [{name: notify, class: Slack}]
                controllers:
                  - {name: c, triggers: [on_log], rule: "gpu > 0.9", operations: [notify.post]}
                """, "custom.yaml", new YAMLFactory(), classes);

        assertThat(set.controllers().get(0).operations())
                .containsExactly(new ControlAction.Invoke("notify", "Slack", "post"));
    }
}
