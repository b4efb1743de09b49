package io.coxswain.streams.rules.trac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TrAC's example controller files load into the expected model. */
class TracExampleFilesTest {

    @Test
    void loadsAnEpochLevelLossThresholdStop() {
        TracRuleSet set = TracFixtures.loadResource("epoch-level-training-loss.yaml");

        assertThat(set.metrics()).containsExactly(new MetricDeclaration("training_loss", "Loss", Map.of(), 2));
        assertThat(set.operations()).isEmpty();
        Controller controller = set.controllers().get(0);
        assertThat(set.controllers()).hasSize(1);
        assertThat(controller.name()).isEqualTo("epoch_level_stop_on_training_loss_below_threshold");
        assertThat(controller.triggers()).containsExactly(Callback.ON_EPOCH_END);
        assertThat(controller.rule().source()).isEqualTo("training_loss[\"loss\"] < 2.2");
        assertThat(controller.patience()).isEqualTo(Patience.EVERY_TRUE);
        assertThat(controller.operations())
                .containsExactly(new ControlAction.Hf("hfcontrols", HfControl.SHOULD_TRAINING_STOP));
        assertThat(controller.triggerLogLevel()).isEmpty();
        assertThat(controller.rule().test(Map.of("training_loss", Map.of("loss", 2.0)))).isTrue();
    }

    @Test
    void loadsAPatienceBasedEvalLossStop() {
        TracRuleSet set = TracFixtures.loadResource("epoch-level-eval-loss-patience.yaml");

        assertThat(set.metrics()).containsExactly(
                new MetricDeclaration("eval_loss_window", "HistoryBasedMetric", Map.of("window_size", 1L), 2));
        Controller controller = set.controllers().get(0);
        assertThat(controller.patience()).isEqualTo(new Patience(2, PatienceMode.RESET_ON_FAILURE));
        assertThat(controller.rule().names()).containsExactly("eval_loss_window");
        assertThat(controller.rule().test(Map.of("eval_loss_window",
                Map.of("metrics", Map.of("eval_loss", List.of(2.5)))))).isTrue();
        assertThat(controller.operations().get(0).action()).isEqualTo("should_training_stop");
    }

    @Test
    void loadsASaveOnLogController() {
        Controller controller = TracFixtures.loadResource("on-log-save.yaml").controllers().get(0);

        assertThat(controller.triggers()).containsExactly(Callback.ON_LOG);
        assertThat(controller.operations())
                .containsExactly(new ControlAction.Hf("hfcontrols", HfControl.SHOULD_SAVE));
        assertThat(HfControl.SHOULD_SAVE.trigger()).isEqualTo("checkpoint");
        assertThat(controller.triggerLogLevel()).isEqualTo(Optional.of("warning"));
    }

    @Test
    void loadsALogControlControllerAndIgnoresUnknownTopLevelKeys() {
        TracRuleSet set = TracFixtures.loadResource("log-controller.yaml");

        assertThat(set.metrics()).containsExactly(
                new MetricDeclaration("training_state", "TrainingState", Map.of(), 2),
                new MetricDeclaration("eval_metrics", "EvalMetrics", Map.of("source_event", "on_evaluate"), 4));
        assertThat(set.operations()).containsExactly(new OperationSpec("logcontrolstep", "LogControl",
                Map.of("log_format", "This is a test log format [{event_name}] ==> {tc_metrics}",
                        "log_level", "warning"), 9));
        Controller controller = set.controllers().get(0);
        assertThat(controller.triggers()).containsExactly(Callback.ON_STEP_END, Callback.ON_EVALUATE);
        assertThat(controller.patience()).isEqualTo(new Patience(3, PatienceMode.NO_RESET_ON_FAILURE));
        assertThat(controller.operations()).containsExactly(
                new ControlAction.Invoke("logcontrolstep", "LogControl", "log"),
                new ControlAction.Hf("hfcontrols", HfControl.SHOULD_LOG));
        assertThat(controller.rule().test(Map.of())).isTrue();
    }

    @Test
    void acceptsEveryTracCallbackNameAsATrigger() {
        for (Callback callback : Callback.values()) {
            Controller controller = TracFixtures.load("""
                    controllers:
                      - name: c
                        triggers: [%s]
                        rule: "True"
                        operations: [hfcontrols.should_evaluate]
                    """.formatted(callback.yamlName())).controllers().get(0);

            assertThat(controller.triggers()).containsExactly(callback);
        }
    }

    @Test
    void defaultsPatienceThresholdToOneAndModeToResetOnFailure() {
        Controller controller = TracFixtures.load("""
                controllers:
                  - name: c
                    triggers: [on_step_end]
                    rule: "True"
                    patience: {}
                    operations: [hfcontrols.should_epoch_stop]
                """).controllers().get(0);

        assertThat(controller.patience()).isEqualTo(new Patience(1, PatienceMode.RESET_ON_FAILURE));
    }
}
