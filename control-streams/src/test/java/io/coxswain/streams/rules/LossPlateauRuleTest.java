package io.coxswain.streams.rules;

import static io.coxswain.streams.RunEvents.step;
import static io.coxswain.streams.RunEvents.steps;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.Triggers;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.streams.RunEvents;
import io.coxswain.streams.config.LossPlateauConfig;
import io.coxswain.streams.rules.LossPlateauEvidence.Condition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossPlateauRuleTest {
    private static final String RUN = "run-1";
    private static final List<Action> STOP = List.of(new Action.FireTrigger(Triggers.STOP));
    private final LossPlateauRule rule = new LossPlateauRule(LossPlateauConfig.defaults());

    @Test
    void firesOnceWhenTheLossStaysFlatForAWholeWindowFromMinSteps() {
        RuleRun<LossPlateauState> run = RuleRun.of(rule, steps(RUN, 1, 300, s -> 1.0));

        assertThat(run.firings()).containsExactly(new Firing(100, STOP,
                new LossPlateauEvidence(Condition.PLATEAU, 100, 50, 0.001, 100, 1.0, 1.0, 50L, null),
                "run run-1: loss has not improved for 50 steps (mean of the last 50 losses is 1 at step 100;"
                        + " best 1 at step 50; an improvement must be more than 0.001 lower): stopping the run"));
    }

    @Test
    void waitsForMinStepsBeforeFiringOnAPlateau() {
        LossPlateauRule patient = new LossPlateauRule(LossPlateauConfig.defaults().withMinSteps(300));

        RuleRun<LossPlateauState> run = RuleRun.of(patient, steps(RUN, 1, 400, s -> 1.0));

        assertThat(run.firings()).extracting(Firing::step).containsExactly(300L);
    }

    @Test
    void neverFiresWhileTheLossKeepsImproving() {
        RuleRun<LossPlateauState> run = RuleRun.of(rule, steps(RUN, 1, 2_000, s -> 30.0 - 0.01 * s));

        assertThat(run.firings()).isEmpty();
        assertThat(run.state().best()).isEqualTo(new LossPlateauState.Best(run.state().windowMean(), 2_000));
    }

    @Test
    void treatsProgressSmallerThanMinDeltaOverAWindowAsAPlateau() {
        RuleRun<LossPlateauState> run = RuleRun.of(rule, steps(RUN, 1, 300, s -> 1.0 - 0.00001 * s));

        assertThat(run.firings()).extracting(Firing::step).containsExactly(100L);
        assertThat(run.firings().get(0).evidence()).isInstanceOfSatisfying(LossPlateauEvidence.class,
                evidence -> assertThat(evidence.bestStep()).isEqualTo(50L));
    }

    @Test
    void countsSlowProgressOnceItAddsUpToMoreThanMinDelta() {
        // the mean drops 0.00004 a step: never enough in one step, but more than minDelta within 50 steps
        RuleRun<LossPlateauState> run = RuleRun.of(rule, steps(RUN, 1, 1_000, s -> 1.0 - 0.00004 * s));

        assertThat(run.firings()).isEmpty();
    }

    @Test
    void measuresTheWindowFromTheLastImprovement() {
        // flat at 2 until step 80, then flat at 1: the window mean improves until it holds only 1s, at step 130
        RuleRun<LossPlateauState> run = RuleRun.of(rule, steps(RUN, 1, 400, s -> s <= 80 ? 2.0 : 1.0));

        assertThat(run.firings()).hasSize(1);
        assertThat(run.firings().get(0).evidence())
                .isEqualTo(new LossPlateauEvidence(Condition.PLATEAU, 180, 50, 0.001, 100, 1.0, 1.0, 130L, null));
    }

    @Test
    void firesAtOnceOnANanLossWhateverTheStep() {
        List<EventEnvelope> events = new ArrayList<>(steps(RUN, 1, 4, s -> 1.0));
        events.add(step(RUN, 5, Double.NaN));

        RuleRun<LossPlateauState> run = RuleRun.of(rule, events);

        assertThat(run.firings()).containsExactly(new Firing(5, STOP,
                new LossPlateauEvidence(Condition.NON_FINITE_LOSS, 5, 50, 0.001, 100, null, null, null, "NaN"),
                "run run-1: loss is NaN at step 5, the run has diverged: stopping the run"));
    }

    @Test
    void putsTheWindowIntoTheEvidenceOfAnInfiniteLoss() {
        List<EventEnvelope> events = new ArrayList<>(steps(RUN, 1, 60, s -> 1.0));
        events.add(step(RUN, 61, Double.POSITIVE_INFINITY));

        RuleRun<LossPlateauState> run = RuleRun.of(rule, events);

        assertThat(run.firings()).extracting(Firing::evidence).containsExactly(
                new LossPlateauEvidence(Condition.NON_FINITE_LOSS, 61, 50, 0.001, 100, 1.0, 1.0, 50L, "Infinity"));
    }

    @Test
    void neverFiresTwiceForOneRun() {
        RuleRun<LossPlateauState> run = RuleRun.of(rule, steps(RUN, 1, 150, s -> 1.0))
                .then(rule, List.of(step(RUN, 151, Double.NaN)))
                .then(rule, steps(RUN, 152, 400, s -> 5.0));

        assertThat(run.firings()).extracting(Firing::step).containsExactly(100L);
        assertThat(run.state().fired()).isTrue();
    }

    @Test
    void ignoresAStepThatIsNotAfterTheLastOne() {
        LossPlateauState afterTen = RuleRun.of(rule, steps(RUN, 1, 10, s -> 1.0)).state();

        assertThat(rule.evaluate(afterTen, step(RUN, 10, 0.5))).isEqualTo(Evaluation.quiet(afterTen));
        assertThat(rule.evaluate(afterTen, step(RUN, 3, Double.NaN))).isEqualTo(Evaluation.quiet(afterTen));
    }

    @Test
    void leavesTheStateAsItIsForEventsOtherThanSteps() {
        LossPlateauState afterTen = RuleRun.of(rule, steps(RUN, 1, 10, s -> 1.0)).state();

        assertThat(rule.evaluate(afterTen, RunEvents.evaluated(RUN, 11))).isEqualTo(Evaluation.quiet(afterTen));
        assertThat(rule.evaluate(rule.initialState(), RunEvents.started(RUN)))
                .isEqualTo(Evaluation.quiet(LossPlateauState.initial()));
    }

    @Test
    void keepsOnlyTheLastWindowOfLosses() {
        LossPlateauRule small = new LossPlateauRule(LossPlateauConfig.defaults().withWindow(3));

        LossPlateauState state = RuleRun.of(small, steps(RUN, 1, 5, s -> s)).state();

        assertThat(state).isEqualTo(new LossPlateauState(List.of(3.0, 4.0, 5.0), new LossPlateauState.Best(2.0, 3),
                5, false));
    }
}
