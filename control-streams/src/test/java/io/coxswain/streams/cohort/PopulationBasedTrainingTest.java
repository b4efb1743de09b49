package io.coxswain.streams.cohort;

import static io.coxswain.streams.cohort.CohortEvents.checkpoint;
import static io.coxswain.streams.cohort.CohortEvents.eval;
import static io.coxswain.streams.cohort.CohortEvents.path;
import static io.coxswain.streams.cohort.CohortEvents.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Population-based training's exploit step: a lagging run loads a leader's checkpoint and perturbs its parameters. */
class PopulationBasedTrainingTest {
    private static final String YAML = """
            controller_metrics:
              - name: standing
                class: CohortRank
                arguments: {objective: eval_loss}
            operations:
              - name: pbt
                class: PopulationBasedTraining
                arguments: {objective: eval_loss, seed: 7}
            controllers:
              - name: exploit
                triggers: [on_evaluate]
                rule: "True"
                operations: [pbt.exploit]
            """;

    /**
     * Four runs evaluated at step 100 (d 0.9 first and alone, then a 0.3, b 0.4, c 0.5; none of them is then below
     * the top three quarters), then d again at step 200 (0.85): worst of four against their step-100 values.
     */
    private static List<EventEnvelope> events(List<String> savers) {
        List<EventEnvelope> events = new ArrayList<>();
        events.add(started("a", 0.01));
        events.add(started("b", 0.01));
        events.add(started("c", 0.01));
        events.add(started("d", 0.1));
        savers.forEach(run -> events.add(checkpoint(run, 100)));
        events.add(eval("d", 100, 0.9));
        events.add(eval("a", 100, 0.3));
        events.add(eval("b", 100, 0.4));
        events.add(eval("c", 100, 0.5));
        events.add(eval("d", 200, 0.85));
        return events;
    }

    @Test
    void theLaggingRunLoadsTheLeadersCheckpointAndPerturbsItsOwnLearningRate() {
        Cohort cohort = new Cohort(YAML);

        List<ControlCommand> sent = cohort.feed(events(List.of("a", "b", "c", "d")));

        assertThat(sent).singleElement().satisfies(command -> {
            assertThat(command.runId()).isEqualTo("d");
            assertThat(command.actions()).hasSize(2);
            assertThat(command.actions().get(0)).isEqualTo(new Action.LoadCheckpoint(path("a", 100), "a"));
            Action.SetParameter set = (Action.SetParameter) command.actions().get(1);
            assertThat(set.param()).isEqualTo("learning_rate");
            assertThat(set.value().doubleValue()).isIn(0.1 * 0.8, 0.1 * 1.2);
        });
        assertThat(cohort.failures()).isEmpty();
    }

    @Test
    void aReplayChoosesTheSameLeaderAndFactors() {
        String yaml = YAML.replace("seed: 7", "seed: 7, quantile: 0.5, perturb: {learning_rate: [0.5, 0.8, 1.2, 2.0]}");
        List<EventEnvelope> events = events(List.of("a", "b"));

        List<ControlCommand> first = new Cohort(yaml).feed(events);
        List<ControlCommand> second = new Cohort(yaml).feed(events);

        assertThat(first).isNotEmpty().isEqualTo(second);
    }

    @Test
    void withAHalfQuantileTheBottomHalfExploitsALeaderThatSavedACheckpoint() {
        Cohort cohort = new Cohort(YAML.replace("seed: 7",
                "quantile: 0.5, perturb: {learning_rate: [0.5], batch_size: [2]}"));

        // only b of the top half (a, b) saved a checkpoint; c is third of four when it reports, d fourth at 200;
        // b is second of three when it reports (bottom half), and its only leader, a, saved nothing
        List<ControlCommand> sent = cohort.feed(events(List.of("b", "c")));

        assertThat(cohort.failures()).singleElement().satisfies(failure ->
                assertThat(failure.error()).contains("top quantile [a]").contains("for run b"));

        assertThat(sent).extracting(ControlCommand::runId).containsExactly("c", "d");
        assertThat(sent).allSatisfy(command -> {
            assertThat(command.actions().get(0)).isEqualTo(new Action.LoadCheckpoint(path("b", 100), "b"));
            Action.SetParameter batch = (Action.SetParameter) command.actions().get(2);
            assertThat(batch.value().isIntegralNumber()).isTrue();
            assertThat(batch.value().longValue()).isEqualTo(64);
        });
        Action.SetParameter lr = (Action.SetParameter) sent.get(1).actions().get(1);
        assertThat(lr.value().doubleValue()).isEqualTo(0.05);
    }

    @Test
    void failsNamingTheLeadersWhenNoneSavedACheckpoint() {
        Cohort cohort = new Cohort(YAML);

        assertThat(cohort.feed(events(List.of("c", "d")))).isEmpty();

        assertThat(cohort.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.controller()).isEqualTo("exploit");
            assertThat(failure.error()).isEqualTo("PopulationBasedTraining: no run of the top quantile [a] has "
                    + "saved a checkpoint for run d to load");
        });
    }

    @Test
    void failsNamingAParameterTheRunDoesNotHave() {
        Cohort cohort = new Cohort(YAML.replace("seed: 7", "perturb: {momentum: [0.9]}"));

        assertThat(cohort.feed(events(List.of("a")))).isEmpty();

        assertThat(cohort.failures()).singleElement().satisfies(failure -> assertThat(failure.error())
                .contains("cannot perturb 'momentum'").contains("[batch_size, learning_rate]"));
    }

    @Test
    void aRuleOverCohortRankDecidesWhenToExploit() {
        Cohort cohort = new Cohort(YAML.replace("rule: \"True\"", "rule: standing.percentile < 50"));

        List<ControlCommand> sent = cohort.feed(events(List.of("a")));

        assertThat(sent).extracting(ControlCommand::runId).containsExactly("d");
    }
}
