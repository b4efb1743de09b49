package io.coxswain.streams.cohort;

import static io.coxswain.streams.cohort.CohortEvents.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Asynchronous successive halving: each run is judged once per rung against the runs that reported before it. */
class SuccessiveHalvingTest {
    static final String YAML = """
            controller_metrics:
              - name: asha
                class: SuccessiveHalving
                arguments: {min_steps: 100, eta: 3}
            controllers:
              - name: halving
                triggers: [on_log]
                rule: asha.should_stop
                operations: [hfcontrols.should_training_stop]
            """;

    /** Nine runs reach step 100 in this order with these losses; r7, r4 and r9 are the best three. */
    private static final List<String> RUNS = List.of("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9");
    private static final double[] AT_RUNG = {0.50, 0.40, 0.60, 0.30, 0.70, 0.80, 0.20, 0.90, 0.35};

    private static List<EventEnvelope> reachRungZero() {
        List<EventEnvelope> events = new ArrayList<>();
        RUNS.forEach(run -> events.add(step(run, 50, 1.0)));
        for (int i = 0; i < RUNS.size(); i++) {
            events.add(step(RUNS.get(i), 100, AT_RUNG[i]));
        }
        return events;
    }

    @Test
    void promotesTheTopThirdOfTheRunsSeenSoFarAndStopsTheOthers() {
        Cohort cohort = new Cohort(YAML);

        List<ControlCommand> sent = cohort.feed(reachRungZero());

        // arrival n keeps the best ceil(n/3) seen so far: r1 (1 of 1), r2 (best of 2), r4 (best of 4),
        // r7 (best of 7), r9 (third of 9) go on; r3, r5, r6, r8 are never among the kept
        assertThat(sent).extracting(ControlCommand::runId).containsExactly("r3", "r5", "r6", "r8");
        assertThat(sent).allSatisfy(command -> assertThat(command.actions()).extracting(Object::toString)
                .containsExactly("FireTrigger[name=stop]"));
        JsonNode r3 = sent.get(0).source().evidence().at("/metrics/asha");
        assertThat(r3.get("rung").asLong()).isZero();
        assertThat(r3.get("rung_step").asLong()).isEqualTo(100);
        assertThat(r3.get("rank").asLong()).isEqualTo(3);
        assertThat(r3.get("reported_at_rung").asLong()).isEqualTo(3);
        assertThat(r3.get("promoted").asBoolean()).isFalse();
        JsonNode r8 = sent.get(3).source().evidence().at("/metrics/asha");
        assertThat(r8.get("rank").asLong()).isEqualTo(8);
        assertThat(r8.get("reported_at_rung").asLong()).isEqualTo(8);
    }

    @Test
    void keepsAnEarlyPromotionWhenBetterRunsReportLater() {
        Cohort cohort = new Cohort(YAML);
        cohort.feed(reachRungZero());

        // r1 (0.50) is now fifth of nine at rung 0, but it was promoted when it arrived alone
        assertThat(cohort.feed(step("r1", 150, 0.45), step("r2", 150, 0.39))).isEmpty();
    }

    @Test
    void judgesTheNextRungAtThreeTimesTheStep() {
        Cohort cohort = new Cohort(YAML);
        cohort.feed(reachRungZero());

        List<ControlCommand> sent = cohort.feed(step("r7", 300, 0.10), step("r4", 300, 0.15), step("r9", 300, 0.05),
                step("r1", 300, 0.40));

        // rung 1: r7 alone (kept), r4 second of 2 (keep 1), r9 best of 3, r1 fourth of 4 (keep 2)
        assertThat(sent).extracting(ControlCommand::runId).containsExactly("r4", "r1");
        assertThat(sent.get(0).source().evidence().at("/metrics/asha/rung").asLong()).isEqualTo(1);
        assertThat(sent.get(0).source().evidence().at("/metrics/asha/rung_step").asLong()).isEqualTo(300);
    }

    @Test
    void decidesEveryRungAPointPassesAndNoneAboveMaxSteps() {
        Cohort cohort = new Cohort("""
                controller_metrics:
                  - name: asha
                    class: SuccessiveHalving
                    arguments: {min_steps: 10, eta: 2, max_steps: 25, mode: max, objective: eval_accuracy}
                controllers:
                  - name: last-rung
                    triggers: [on_evaluate]
                    rule: asha.rung == 1 and asha.promoted and asha.next_rung_step is None
                    operations: [hfcontrols.should_log]
                """);

        List<ControlCommand> sent = cohort.feed(
                CohortEvents.envelope("a", 40, new io.coxswain.protocol.events.EvalCompleted(
                        java.util.Map.of("eval_accuracy", 0.9))));

        assertThat(sent).singleElement().satisfies(command -> {
            JsonNode asha = command.source().evidence().at("/metrics/asha");
            assertThat(asha.get("rung_step").asLong()).isEqualTo(20);
            assertThat(asha.get("should_stop").asBoolean()).isFalse();
        });
    }

    @Test
    void decidesNothingBeforeTheFirstRung() {
        Cohort cohort = new Cohort(YAML.replace("asha.should_stop", "not asha.should_stop and asha.rung is None")
                .replace("should_training_stop", "should_log"));

        assertThat(cohort.feed(step("a", 99, 0.1))).singleElement().satisfies(command ->
                assertThat(command.source().evidence().at("/metrics/asha/next_rung_step").asLong()).isEqualTo(100));
    }
}
