package io.coxswain.streams.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.streams.engine.RuleSet;
import io.coxswain.streams.rules.trac.RuleSetLoadException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Wrong arguments of the cohort recipes fail when the rule set loads, naming the argument. */
class CohortArgumentsTest {
    private static final String METRIC = """
            controller_metrics:
              - name: m
                class: %s
                arguments: %s
            controllers:
              - name: c
                triggers: [on_log]
                rule: m is None
                operations: [hfcontrols.should_log]
            """;

    private static final String OPERATION = """
            operations:
              - name: pbt
                class: PopulationBasedTraining
                arguments: %s
            controllers:
              - name: c
                triggers: [on_evaluate]
                rule: "True"
                operations: [pbt.exploit]
            """;

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "CohortRank         | {mode: best}                    | argument 'mode' must be one of [max, min], got 'best'",
        "CohortRank         | {objective: ''}                 | argument 'objective' must be a non-empty string",
        "CohortRank         | {window: 3}                     | unknown argument(s) [window]",
        "MedianStoppingRule | {min_runs: 0}                   | argument 'min_runs' must be an integer >= 1, got 0",
        "MedianStoppingRule | {grace_steps: 1.5}              | argument 'grace_steps' must be an integer >= 0",
        "SuccessiveHalving  | {eta: 3}                        | argument 'min_steps' is required",
        "SuccessiveHalving  | {min_steps: 100, eta: 1}        | argument 'eta' must be an integer >= 2, got 1",
        "SuccessiveHalving  | {min_steps: 100, max_steps: 50} | argument 'max_steps' (50) must not be below",
    })
    void metricArgumentsAreCheckedAtLoad(String metricClass, String arguments, String problem) {
        assertThatThrownBy(() -> RuleSet.load("bad", METRIC.formatted(metricClass, arguments)))
                .isInstanceOf(RuleSetLoadException.class)
                .hasMessageStartingWith("metric 'm', field 'arguments': ")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{quantile: 0.75}                      | argument 'quantile' must be a number above 0.0 and at most 0.5",
        "{quantile: '0.1'}                     | argument 'quantile' must be a number",
        "{perturb: {learning_rate: []}}        | argument 'perturb' must map each parameter to a non-empty list",
        "{perturb: {learning_rate: [0.8, -1]}} | argument 'perturb' must map each parameter",
        "{perturb: [0.8, 1.2]}                 | argument 'perturb' must map each parameter",
        "{seed: abc}                           | argument 'seed' must be an integer",
        "{mode: maximum}                       | argument 'mode' must be one of [max, min]",
    })
    void operationArgumentsAreCheckedAtLoad(String arguments, String problem) {
        assertThatThrownBy(() -> RuleSet.load("bad", OPERATION.formatted(arguments)))
                .isInstanceOf(RuleSetLoadException.class)
                .hasMessageStartingWith("operation 'pbt', field 'arguments': ")
                .hasMessageContaining(problem);
    }

    @Test
    void defaultsLoadAndMakeTheSetACohortSet() {
        RuleSet set = RuleSet.load("ok", """
                controller_metrics:
                  - name: rank
                    class: CohortRank
                  - name: median
                    class: MedianStoppingRule
                  - name: asha
                    class: SuccessiveHalving
                    arguments: {min_steps: 100}
                operations:
                  - name: pbt
                    class: PopulationBasedTraining
                controllers:
                  - name: c
                    triggers: [on_evaluate]
                    rule: rank.percentile < 25 and not median.should_stop and not asha.should_stop
                    operations: [pbt.exploit]
                """);

        assertThat(set.cohort()).isTrue();
        assertThat(set.functions()).containsOnlyKeys("rank", "median", "asha");
        assertThat(set.operations()).containsOnlyKeys("pbt");
    }
}
