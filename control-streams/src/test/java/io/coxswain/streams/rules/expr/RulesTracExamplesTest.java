package io.coxswain.streams.rules.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules in the shape TrAC's docs and example configs write them, against TrAC-shaped metric variables. */
class RulesTracExamplesTest {

    @Test
    void comparesAPlainMetric() {
        CompiledRule rule = Rules.compile("loss < 1.0");

        assertThat(rule.test(Map.of("loss", 0.7))).isTrue();
        assertThat(rule.test(Map.of("loss", 1.3))).isFalse();
        assertThat(rule.names()).containsExactly("loss");
    }

    @Test
    void readsAMetricByKey() {
        CompiledRule rule = Rules.compile("training_loss['loss'] < 0.5");

        assertThat(rule.test(Map.of("training_loss", Map.of("loss", 0.25)))).isTrue();
        assertThat(rule.test(Map.of("training_loss", Map.of("loss", 0.75)))).isFalse();
    }

    @Test
    void firesWhenAFullWindowOfLossesRose() {
        CompiledRule rule = Rules.compile("len(training_loss['loss']) == training_loss['window_size'] "
                + "and training_loss['loss'][0] < training_loss['loss'][-1]");

        assertThat(rule.test(Map.of("training_loss", Map.of("loss", List.of(1.0, 1.2, 1.5), "window_size", 3))))
                .isTrue();
        assertThat(rule.test(Map.of("training_loss", Map.of("loss", List.of(1.5, 1.2, 1.0), "window_size", 3))))
                .isFalse();
        assertThat(rule.test(Map.of("training_loss", Map.of("loss", List.of(1.0, 1.5), "window_size", 3))))
                .isFalse();
        assertThat(rule.names()).containsExactly("training_loss");
    }

    @Test
    void readsDictKeysAsAttributes() {
        CompiledRule rule = Rules.compile("epoch > 0.5 and loss.loss > 2");

        assertThat(rule.test(Map.of("epoch", 0.75, "loss", Map.of("loss", 2.5)))).isTrue();
        assertThat(rule.test(Map.of("epoch", 0.25, "loss", Map.of("loss", 2.5)))).isFalse();
        assertThat(rule.names()).containsExactly("epoch", "loss");
    }

    @Test
    void firesEveryTenthStep() {
        CompiledRule rule = Rules.compile("state[\"global_step\"] % 10 == 0");

        assertThat(rule.test(Map.of("state", Map.of("global_step", 30)))).isTrue();
        assertThat(rule.test(Map.of("state", Map.of("global_step", 31L)))).isFalse();
    }

    @Test
    void comparesTheMeanWithTheMinimum() {
        CompiledRule rule = Rules.compile("avg(metrics[\"eval_loss\"]) > min(metrics[\"eval_loss\"]) * 1.1");

        assertThat(rule.test(Map.of("metrics", Map.of("eval_loss", List.of(1.0, 2.0, 3.0))))).isTrue();
        assertThat(rule.test(Map.of("metrics", Map.of("eval_loss", List.of(1.0, 1.0, 1.05))))).isFalse();
    }

    @Test
    void guardsARelativeChangeAgainstAMissingValue() {
        CompiledRule rule = Rules.compile("abs(a - b) / max(abs(a), 1e-9) < 0.01 if a is not None else False");
        java.util.HashMap<String, Object> missing = new java.util.HashMap<>();
        missing.put("a", null);
        missing.put("b", 1.0);

        assertThat(rule.test(Map.of("a", 1.0, "b", 1.001))).isTrue();
        assertThat(rule.test(Map.of("a", 1.0, "b", 1.5))).isFalse();
        assertThat(rule.test(missing)).isFalse();
        assertThat(rule.names()).containsExactly("a", "b");
    }

    @Test
    void doesNotListFunctionNamesAmongTheNamesItReads() {
        assertThat(Rules.compile("max(x) + len(y) > round(z)").names()).containsExactly("x", "y", "z");
    }
}
