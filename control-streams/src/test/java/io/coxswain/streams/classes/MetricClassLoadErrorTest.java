package io.coxswain.streams.classes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.streams.engine.RuleSet;
import io.coxswain.streams.rules.trac.RuleSetLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plugged-in classes load through the service loader; bad arguments fail at load, naming the argument. */
class MetricClassLoadErrorTest {

    private static String file(String metricClass, String arguments) {
        return """
                controller_metrics:
                  - name: m
                    class: %s
                    arguments: %s
                controllers:
                  - name: c
                    triggers: [on_step_end]
                    rule: m is not None
                    operations: [hfcontrols.should_log]
                """.formatted(metricClass, arguments);
    }

    private static void rejects(String metricClass, String arguments, String problem) {
        assertThatThrownBy(() -> RuleSet.load("classes.yaml", file(metricClass, arguments)))
                .isInstanceOf(RuleSetLoadException.class)
                .hasMessage("metric 'm', field 'arguments': " + problem + " (classes.yaml line 4)");
    }

    @Test
    void bothClassesAreFoundThroughTheServiceLoader() {
        RuleSet set = RuleSet.load("classes.yaml", """
                controller_metrics:
                  - {name: w, class: WindowedMetric, arguments: {source: loss, window: 5}}
                  - {name: b, class: DataBatchInspector, arguments: {factor: 3}}
                controllers:
                  - {name: c, triggers: [on_step_end], rule: "b['flagged'] or w['count'] > 9",
                     operations: [hfcontrols.should_log]}
                """);

        assertThat(set.functions()).containsOnlyKeys("w", "b");
        assertThat(set.cohort()).isFalse();
    }

    @Test
    void theReadmeExamplesLoad() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher blocks = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> examples = blocks.results().map(block -> block.group(1))
                .filter(yaml -> yaml.contains("WindowedMetric") || yaml.contains("DataBatchInspector")).toList();

        assertThat(examples).hasSize(2);
        examples.forEach(yaml -> assertThat(RuleSet.load("readme.yaml", yaml).functions()).hasSize(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {source: loss, window: 5, unit: hours}   | argument 'unit' must be steps, epochs or seconds, got 'hours'
            {window: 5}                              | argument 'source' is required
            {source: loss}                           | argument 'window' is required
            {source: loss, window: 0}                | argument 'window' must be a positive number, got '0'
            {source: loss, window: -2.5}             | argument 'window' must be a positive number, got '-2.5'
            {source: loss, window: '5'}              | argument 'window' must be a positive number, got '5'
            {source: 'eval:', window: 5}             | argument 'source' needs a metric name after 'eval:', e.g. eval:eval_loss
            {source: 3, window: 5}                   | argument 'source' must be loss, logged_loss, grad_norm, learning_rate, batch_size, step_seconds or eval:<key>, got '3'
            {source: accuracy, window: 5}            | argument 'source' must be loss, logged_loss, grad_norm, learning_rate, batch_size, step_seconds or eval:<key>, got 'accuracy'
            {source: loss, window: 5, size: 2}       | unknown argument(s) [size]; known: [source, unit, window]
            """)
    void windowedMetricRejects(String arguments, String problem) {
        rejects("WindowedMetric", arguments, problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {}                                       | argument 'threshold' (an absolute loss) or argument 'factor' (times the moving median) is required
            {threshold: 2, factor: 3}                | give either argument 'threshold' or argument 'factor', not both
            {threshold: 2, median_window: 10}        | argument 'median_window' applies only with argument 'factor'
            {threshold: high}                        | argument 'threshold' must be a finite number, got 'high'
            {factor: 0}                              | argument 'factor' must be a positive number, got '0'
            {factor: 2, median_window: 0}            | argument 'median_window' must be an integer from 1 to 10000, got '0'
            {factor: 2, median_window: 2.5}          | argument 'median_window' must be an integer from 1 to 10000, got '2.5'
            {factor: 2, sample_factor: -1}           | argument 'sample_factor' must be a positive number, got '-1'
            {factor: 2, keep: -1}                    | argument 'keep' must be an integer from 0 to 1000, got '-1'
            {factor: 2, keep: 5000}                  | argument 'keep' must be an integer from 0 to 1000, got '5000'
            {factor: 2, window: 5}                   | unknown argument(s) [window]; known: [factor, keep, median_window, sample_factor, threshold]
            """)
    void dataBatchInspectorRejects(String arguments, String problem) {
        rejects("DataBatchInspector", arguments, problem);
    }
}
