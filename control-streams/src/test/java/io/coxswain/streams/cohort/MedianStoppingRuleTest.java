package io.coxswain.streams.cohort;

import static io.coxswain.streams.cohort.CohortEvents.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Vizier's median stopping rule over interleaved runs: the laggard stops, the others train on. */
class MedianStoppingRuleTest {
    private static final String YAML = """
            controller_metrics:
              - name: median
                class: MedianStoppingRule
                arguments: {min_runs: 3, grace_steps: 3}
            controllers:
              - name: median-stop
                triggers: [on_log]
                rule: median.should_stop
                operations: [hfcontrols.should_training_stop]
            """;

    /** Losses by run: a, b, c improve (a the most), d is stuck at 2.0. */
    private static final Map<String, Double> OFFSETS = Map.of("a", -0.02, "b", 0.0, "c", 0.02);

    private static double loss(String run, long step) {
        return run.equals("d") ? 2.0 : 1.0 - 0.05 * step + OFFSETS.get(run);
    }

    private static List<EventEnvelope> interleaved(List<String> runs, long steps) {
        List<EventEnvelope> events = new ArrayList<>();
        for (long s = 1; s <= steps; s++) {
            for (String run : runs) {
                events.add(step(run, s, loss(run, s)));
            }
        }
        return events;
    }

    @Test
    void stopsTheWorstRunOnceTheGraceStepsArePastAndNoOtherRun() {
        Cohort cohort = new Cohort(YAML);

        List<ControlCommand> sent = cohort.feed(interleaved(List.of("a", "b", "c", "d"), 8));

        assertThat(sent).singleElement().satisfies(command -> {
            assertThat(command.runId()).isEqualTo("d");
            assertThat(command.actions()).containsExactly(new Action.FireTrigger("stop"));
            JsonNode evidence = command.source().evidence();
            assertThat(evidence.get("step").asLong()).isEqualTo(3);
            JsonNode median = evidence.at("/metrics/median");
            assertThat(median.get("should_stop").asBoolean()).isTrue();
            assertThat(median.get("compared").asLong()).isEqualTo(3);
            assertThat(median.get("best").asDouble()).isEqualTo(2.0);
            // running averages of the losses of steps 1-3: a 0.88, b 0.90, c 0.92
            assertThat(median.get("median_of_running_averages").asDouble()).isCloseTo(0.90, within());
            assertThat(median.get("why").asText()).contains("is worse than the median");
        });
    }

    @Test
    void stopsNoRunWhileFewerThanMinRunsOthersHaveReported() {
        Cohort cohort = new Cohort(YAML);

        assertThat(cohort.feed(interleaved(List.of("a", "d", "b"), 8))).isEmpty();
    }

    @Test
    void stopsNoRunDuringTheGraceSteps() {
        Cohort cohort = new Cohort(YAML.replace("grace_steps: 3", "grace_steps: 100"));

        assertThat(cohort.feed(interleaved(List.of("a", "b", "c", "d"), 8))).isEmpty();
    }

    @Test
    void readsAnEvaluationMetricWhenAskedTo() {
        Cohort cohort = new Cohort(YAML.replace("min_runs: 3, grace_steps: 3", "objective: eval_loss, min_runs: 2")
                .replace("on_log", "on_evaluate"));
        List<EventEnvelope> events = new ArrayList<>(interleaved(List.of("a", "b", "c"), 2));
        events.add(CohortEvents.eval("a", 2, 0.5));
        events.add(CohortEvents.eval("b", 2, 0.6));
        events.add(CohortEvents.eval("c", 2, 0.9));

        assertThat(cohort.feed(events)).extracting(ControlCommand::runId).containsExactly("c");
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
