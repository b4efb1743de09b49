package io.coxswain.streams.cohort;

import static io.coxswain.streams.cohort.CohortEvents.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.RuleSkipped;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's standing at its latest point among the runs that had reported by that step. */
class CohortRankTest {
    private static final String YAML = """
            controller_metrics:
              - name: standing
                class: CohortRank
                arguments: {objective: eval_loss, mode: %s}
            controllers:
              - name: report
                triggers: [on_evaluate]
                rule: standing.size >= 4
                operations: [hfcontrols.should_log]
            """;

    /** a 0.3, b 0.5, c 0.4 at step 100; e only at 200 (ahead of d, so it does not count for d); d 0.45 at 100. */
    private static JsonNode standingOfD(String mode) {
        Cohort cohort = new Cohort(YAML.formatted(mode));
        List<ControlCommand> sent = cohort.feed(eval("a", 100, 0.3), eval("b", 100, 0.5), eval("c", 100, 0.4),
                eval("e", 200, 0.1), eval("d", 100, 0.45));
        // e (a, b, c and e by step 200), then d
        assertThat(sent).extracting(ControlCommand::runId).containsExactly("e", "d");
        return sent.get(1).source().evidence().at("/metrics/standing");
    }

    @Test
    void ranksAgainstTheRunsThatReportedByTheSameStepLowerBeing() {
        JsonNode standing = standingOfD("min");

        assertThat(standing.get("rank").asLong()).isEqualTo(3);
        assertThat(standing.get("size").asLong()).isEqualTo(4);
        assertThat(standing.get("percentile").asDouble()).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(standing.get("median").asDouble()).isCloseTo(0.425, within(1e-9));
        assertThat(standing.get("best").asDouble()).isEqualTo(0.3);
        assertThat(standing.get("value").asDouble()).isEqualTo(0.45);
        assertThat(standing.get("step").asLong()).isEqualTo(100);
    }

    @Test
    void ranksHigherAsBetterInMaxMode() {
        JsonNode standing = standingOfD("max");

        assertThat(standing.get("rank").asLong()).isEqualTo(2);
        assertThat(standing.get("percentile").asDouble()).isCloseTo(200.0 / 3, within(1e-9));
        assertThat(standing.get("median").asDouble()).isCloseTo(0.425, within(1e-9));
        assertThat(standing.get("best").asDouble()).isEqualTo(0.5);
    }

    @Test
    void equalValuesShareARankAndTheBestIsAtTheHundredthPercentile() {
        Cohort cohort = new Cohort(YAML.formatted("min").replace("standing.size >= 4", "standing.rank == 1"));

        List<ControlCommand> sent = cohort.feed(eval("a", 100, 0.3), eval("b", 100, 0.3), eval("c", 100, 0.6));

        assertThat(sent).extracting(ControlCommand::runId).containsExactly("b");
        assertThat(sent.get(0).source().evidence().at("/metrics/standing/percentile").asDouble()).isEqualTo(100.0);
    }

    @Test
    void hasNoValueWhileTheRunIsAlone() {
        Cohort cohort = new Cohort(YAML.formatted("min"));

        cohort.feed(eval("a", 100, 0.3), CohortEvents.step("b", 50, 1.0));

        assertThat(cohort.events).extracting(e -> e.event()).singleElement().isInstanceOfSatisfying(RuleSkipped.class,
                skipped -> assertThat(skipped.reason()).isEqualTo("no other run of the experiment has reported "
                        + "'eval_loss' at or before step 100 yet"));
    }
}
