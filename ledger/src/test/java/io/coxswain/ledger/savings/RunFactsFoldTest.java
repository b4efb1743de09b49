package io.coxswain.ledger.savings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.ledger.savings.RunFacts.Checkpoint;
import io.coxswain.ledger.savings.RunFacts.EpochStop;
import io.coxswain.ledger.savings.RunFacts.Finish;
import io.coxswain.ledger.savings.RunFacts.LiveChange;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.events.EventEnvelope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run's facts folded from its events, and what they saved. */
class RunFactsFoldTest {
    private static final Attribution STOP_RULE_C2 = new Attribution("c-2", SourceKind.RULE, "control-streams",
            "plateau/stop_on_plateau");

    @Test
    void aResumedRunKeepsItsFirstRestartCostItsLatestPlanAndRestartsFromTheCheckpointItResumedFrom() {
        RunFacts facts = RunFactsFold.facts(SavingsRuns.resumed("r-a", "exp-s"));

        assertThat(facts).isEqualTo(new RunFacts("r-a", "exp-s", 12, false, 8.0, 80.0,
                new StepStats(7, 5, 0.5, 0.5, 4, 200.0, 2.0, "nvml"),
                new Finish(5, "stopped", "rule plateau/stop_on_plateau (command c-2)", STOP_RULE_C2), List.of(),
                List.of(new LiveChange(3, new Attribution("c-1", SourceKind.USER, "ana", null),
                                List.of("learning_rate", "weight_decay"), 2L),
                        new LiveChange(4, new Attribution("c-4", SourceKind.USER, "bob", null),
                                List.of("learning_rate"), 2L)),
                List.of(new Checkpoint(2, 1000, false), new Checkpoint(4, 1500, false),
                        new Checkpoint(5, 2000, true))));
        assertThat(SavingsCalculator.defaults().items(facts)).isEqualTo(SavingsRuns.resumedItems("r-a", "exp-s"));
    }

    @Test
    void anEpochStopKeepsWhereItsEpochStood() {
        RunFacts facts = RunFactsFold.facts(SavingsRuns.epochBounded("r-b", "exp-s"));

        assertThat(facts).isEqualTo(new RunFacts("r-b", "exp-s", 20, true, 5.0, 200.0,
                new StepStats(10, 10, 1.6, 1.0, 0, 0, 0, null),
                new Finish(10, "stopped", "rule plateau/stop_on_plateau (command c-s)",
                        new Attribution("c-s", SourceKind.RULE, "control-streams", "plateau/stop_on_plateau")),
                List.of(new EpochStop(4, new Attribution("c-e", SourceKind.USER, "bob", null), 0.4, 0.4, 128, 32)),
                List.of(), List.of(new Checkpoint(10, 5000, true))));
        assertThat(SavingsCalculator.defaults().items(facts))
                .isEqualTo(SavingsRuns.epochBoundedItems("r-b", "exp-s"));
    }

    @Test
    void aFailedRunThatResumedIsRunningAgainAndAStopItNeverFinishedSavesNothingYet() {
        List<EventEnvelope> events = SavingsRuns.resumed("r-a", "exp-s");
        RunFacts beforeResume = RunFactsFold.facts(events.subList(0, 10));
        RunFacts afterResume = RunFactsFold.facts(events.subList(0, 17));

        assertThat(beforeResume.finish()).isEqualTo(new Finish(4, "failed", "IOException: disk full (at step 4)",
                null));
        assertThat(afterResume.finish()).isNull();
        assertThat(SavingsCalculator.defaults().items(afterResume)).extracting(SavingsItem::kind)
                .doesNotContain(SavingsKind.EARLY_STOP);
    }

    @Test
    void refusesAnotherRunsEvents() {
        RunFactsFold fold = RunFactsFold.of("r-a");
        EventEnvelope other = SavingsRuns.epochBounded("r-b", "exp-s").get(0);

        assertThatThrownBy(() -> fold.accept(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event " + other.header().eventId() + " of run r-b folded into the facts of run r-a");
    }
}
