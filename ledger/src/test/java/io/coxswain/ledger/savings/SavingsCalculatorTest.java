package io.coxswain.ledger.savings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.ledger.savings.RunFacts.Checkpoint;
import io.coxswain.ledger.savings.RunFacts.EpochStop;
import io.coxswain.ledger.savings.RunFacts.Finish;
import io.coxswain.ledger.savings.RunFacts.LiveChange;
import io.coxswain.protocol.commands.SourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Savings of hand-built runs against items computed by hand. */
class SavingsCalculatorTest {
    private static final Attribution STOP_RULE = new Attribution("c-stop", SourceKind.RULE, "control-streams",
            "plateau/stop_on_plateau");
    private static final Attribution HALVE_RULE = new Attribution("c-lr", SourceKind.RULE, "control-streams",
            "plateau/halve_lr_at_50");
    private static final Attribution ANA = new Attribution("c-ana", SourceKind.USER, "ana", null);
    private static final String FINAL_LEFT_OUT = " (final checkpoints left out: both policies write one)";
    private static final String DEFAULT_WATTS = " W (the agent's default: energy_watts not in the run's config)";

    private final SavingsCalculator calculator = SavingsCalculator.defaults();

    /** 160 steps of median 0.25 s, metered by NVML at 6400 J over 40 s: 160 W. */
    private static RunFacts ruleStoppedRun() {
        return new RunFacts("r-1", "exp-1", 1000, false, 12.5, 100.0,
                new StepStats(160, 160, 1.6, 0.25, 160, 6400, 40, "nvml"),
                new Finish(160, "stopped", "rule plateau/stop_on_plateau", STOP_RULE), List.of(),
                List.of(new LiveChange(50, HALVE_RULE, List.of("learning_rate"), 40L)),
                List.of(new Checkpoint(40, 4096, false), new Checkpoint(80, 4096, false),
                        new Checkpoint(120, 4096, false), new Checkpoint(160, 4096, true)));
    }

    @Test
    void countsARuleStopALiveChangeAndCheckpointStorageWithMeasuredEnergy() {
        String power = " x measured mean power 160 W (nvml over 160 steps)";
        assertThat(calculator.items(ruleStoppedRun())).containsExactly(
                new SavingsItem(SavingsKind.LIVE_CHANGE, "r-1", "exp-1", 50, HALVE_RULE,
                        new Figure(15.0, Measure.MEASURED, "restart 12.5 s (measured at the run's start) + 10 steps "
                                + "since the checkpoint at step 40 x median step 0.25 s"),
                        new Figure(2400.0, Measure.MEASURED, "15 s" + power), null),
                new SavingsItem(SavingsKind.EARLY_STOP, "r-1", "exp-1", 160, STOP_RULE,
                        new Figure(210.0, Measure.MEASURED, "840 steps not run (planned 1000, stopped at step 160) "
                                + "x median step 0.25 s"),
                        new Figure(33600.0, Measure.MEASURED, "210 s" + power), null),
                new SavingsItem(SavingsKind.CHECKPOINT_STORAGE, "r-1", "exp-1", 160, null, null, null,
                        new Figure(12288, Measure.MEASURED, "baseline every 0.25 epoch: 6 checkpoints over 1.6 "
                                + "epochs x mean 4096 B = 24576 B, less 12288 B written in 3 checkpoints"
                                + FINAL_LEFT_OUT)));
    }

    @Test
    void estimatesEnergyFromTheConfiguredWattsWhenNoMeterWasReadAndCreditsTheUser() {
        RunFacts run = new RunFacts("r-2", "exp-1", 500, false, 3.0, 250.0,
                new StepStats(100, 100, 0.5, 0.5, 0, 0, 0, null),
                new Finish(100, "stopped", "user ana", ANA), List.of(), List.of(), List.of());

        assertThat(calculator.items(run)).containsExactly(new SavingsItem(SavingsKind.EARLY_STOP, "r-2", "exp-1", 100,
                ANA, new Figure(200.0, Measure.MEASURED, "400 steps not run (planned 500, stopped at step 100) x "
                + "median step 0.5 s"),
                new Figure(50000.0, Measure.ESTIMATED, "200 s x configured 250 W (energy_watts)"), null));
        assertThat(calculator.items(run).get(0).creditedTo()).isEqualTo("user ana");
    }

    @Test
    void anEpochStopInAnEpochBoundedRunSavesTheRestOfItsEpochAndTheLaterStopTheRestOfThePlan() {
        RunFacts run = new RunFacts("r-3", "exp-2", 400, true, 0, null,
                new StepStats(150, 150, 2.0, 0.5, 0, 0, 0, null),
                new Finish(150, "stopped", "rule plateau/stop_on_plateau", STOP_RULE),
                List.of(new EpochStop(60, ANA, 0.6, 0.6, 1920, 32)),
                List.of(new LiveChange(100, new Attribution("c-r", SourceKind.REPLAY, "cox", null),
                        List.of("learning_rate", "weight_decay"), null)),
                List.of());

        assertThat(calculator.items(run)).containsExactly(
                new SavingsItem(SavingsKind.EARLY_STOP, "r-3", "exp-2", 60, ANA,
                        new Figure(20.0, Measure.MEASURED, "40 steps not run (epoch_stop with 0.4 of an epoch of "
                                + "3200 samples left, batch 32) x median step 0.5 s"),
                        new Figure(2000.0, Measure.ESTIMATED, "20 s x 100" + DEFAULT_WATTS), null),
                new SavingsItem(SavingsKind.LIVE_CHANGE, "r-3", "exp-2", 100,
                        new Attribution("c-r", SourceKind.REPLAY, "cox", null),
                        new Figure(50.0, Measure.MEASURED, "restart cost not recorded (0 s) + 100 steps since the "
                                + "run's start (no checkpoint before) x median step 0.5 s"),
                        new Figure(5000.0, Measure.ESTIMATED, "50 s x 100" + DEFAULT_WATTS), null),
                new SavingsItem(SavingsKind.EARLY_STOP, "r-3", "exp-2", 150, STOP_RULE,
                        new Figure(105.0, Measure.MEASURED, "210 steps not run (planned 400, stopped at step 150, "
                                + "less 40 counted for epoch_stop) x median step 0.5 s"),
                        new Figure(10500.0, Measure.ESTIMATED, "105 s x 100" + DEFAULT_WATTS), null));
    }

    @Test
    void anEpochStopInAStepBoundedRunSavesNothing() {
        RunFacts run = new RunFacts("r-4", "exp-2", 400, false, 1.0, null,
                new StepStats(400, 400, 4.0, 0.5, 0, 0, 0, null), new Finish(400, "completed", "400 of 400", null),
                List.of(new EpochStop(60, ANA, 0.6, 0.6, 1920, 32)), List.of(), List.of());

        assertThat(calculator.items(run)).isEmpty();
    }

    @Test
    void storageSavingsAreNegativeWhenTheRunCheckpointedMoreOftenThanTheBaseline() {
        List<Checkpoint> everyTenthOfAnEpoch = new ArrayList<>();
        for (long step = 10; step <= 50; step += 10) {
            everyTenthOfAnEpoch.add(new Checkpoint(step, 1000, false));
        }
        everyTenthOfAnEpoch.add(new Checkpoint(50, 1000, true));
        RunFacts run = new RunFacts("r-5", null, 50, false, 1.0, null,
                new StepStats(50, 50, 0.5, 0.1, 0, 0, 0, null), new Finish(50, "completed", "50 of 50", null),
                List.of(), List.of(), everyTenthOfAnEpoch);

        assertThat(calculator.items(run)).containsExactly(new SavingsItem(SavingsKind.CHECKPOINT_STORAGE, "r-5", null,
                50, null, null, null, new Figure(-3000, Measure.MEASURED, "baseline every 0.25 epoch: 2 checkpoints "
                + "over 0.5 epochs x mean 1000 B = 2000 B, less 5000 B written in 5 checkpoints" + FINAL_LEFT_OUT)));
    }

    @Test
    void withoutPlannedStepsAStopCountsNothingButLiveChangesStillDo() {
        RunFacts run = new RunFacts("r-6", "exp-1", 0, false, 2.0, null,
                new StepStats(30, 30, 0, 0.1, 0, 0, 0, null), new Finish(30, "stopped", "user ana", ANA),
                List.of(), List.of(new LiveChange(20, ANA, List.of("learning_rate"), 10L)), List.of());

        assertThat(calculator.items(run)).containsExactly(new SavingsItem(SavingsKind.LIVE_CHANGE, "r-6", "exp-1", 20,
                ANA, new Figure(3.0, Measure.MEASURED, "restart 2 s (measured at the run's start) + 10 steps since the "
                + "checkpoint at step 10 x median step 0.1 s"),
                new Figure(300.0, Measure.ESTIMATED, "3 s x 100" + DEFAULT_WATTS), null));
    }

    @Test
    void aRunThatCompletedOrWasStoppedAtItsPlannedEndOrIsStillRunningSavedNothingByStopping() {
        RunFacts stopped = ruleStoppedRun();
        StepStats steps = new StepStats(1000, 1000, 10, 0.25, 0, 0, 0, null);
        for (Finish finish : new Finish[] {new Finish(1000, "stopped", "rule", STOP_RULE),
                new Finish(1000, "completed", "1000 of 1000", null), new Finish(700, "failed", "disk full", null),
                null}) {
            RunFacts run = new RunFacts("r-7", "exp-1", 1000, false, 1, null, steps, finish, List.of(), List.of(),
                    List.of());
            assertThat(calculator.items(run)).as(String.valueOf(finish)).isEmpty();
        }
        assertThat(calculator.items(stopped)).extracting(SavingsItem::kind).contains(SavingsKind.EARLY_STOP);
    }

    @Test
    void aRunWithoutStepsCountsOnlyTheRestartCostOfItsChanges() {
        RunFacts run = new RunFacts("r-8", "exp-1", 100, false, 4.0, 50.0, StepStats.NONE,
                new Finish(0, "stopped", "user ana", ANA), List.of(),
                List.of(new LiveChange(0, ANA, List.of("learning_rate"), null)), List.of());

        assertThat(calculator.items(run)).containsExactly(new SavingsItem(SavingsKind.LIVE_CHANGE, "r-8", "exp-1", 0,
                ANA, new Figure(4.0, Measure.MEASURED, "restart 4 s (measured at the run's start) + no step times "
                + "recorded (0 s)"), new Figure(200.0, Measure.ESTIMATED, "4 s x configured 50 W (energy_watts)"),
                null));
    }

    @Test
    void theBaselineIntervalIsASetting() {
        List<SavingsItem> items = new SavingsCalculator(new SavingsSettings(0.5)).items(ruleStoppedRun());

        assertThat(items.get(2).bytes()).isEqualTo(new Figure(0, Measure.MEASURED, "baseline every 0.5 epoch: 3 "
                + "checkpoints over 1.6 epochs x mean 4096 B = 12288 B, less 12288 B written in 3 checkpoints"
                + FINAL_LEFT_OUT));
        assertThatThrownBy(() -> new SavingsSettings(0)).isInstanceOf(SavingsException.class)
                .hasMessage("the baseline checkpoint interval must be > 0 and <= 1000 epochs, got 0.0");
    }

    @Test
    void totalsSplitMeasuredFromEstimatedPerRunCreditAndExperiment() {
        List<SavingsItem> items = new ArrayList<>(calculator.items(ruleStoppedRun()));
        items.addAll(calculator.items(new RunFacts("r-2", "exp-1", 500, false, 3.0, 250.0,
                new StepStats(100, 100, 0.5, 0.5, 0, 0, 0, null), new Finish(100, "stopped", "user ana", ANA),
                List.of(), List.of(), List.of())));

        SavingsReport report = SavingsReport.of(items);

        assertThat(report.total()).isEqualTo(new SavingsTotals(4, 425.0, 0, 36000.0, 50000.0, 12288.0, 0));
        assertThat(report.byRun()).containsExactly(
                Map.entry("r-1", new SavingsTotals(3, 225.0, 0, 36000.0, 0, 12288.0, 0)),
                Map.entry("r-2", new SavingsTotals(1, 200.0, 0, 0, 50000.0, 0, 0)));
        assertThat(report.byCredit()).containsExactly(
                Map.entry("rule plateau/halve_lr_at_50", new SavingsTotals(1, 15.0, 0, 2400.0, 0, 0, 0)),
                Map.entry("rule plateau/stop_on_plateau", new SavingsTotals(1, 210.0, 0, 33600.0, 0, 0, 0)),
                Map.entry("checkpoint policy", new SavingsTotals(1, 0, 0, 0, 0, 12288.0, 0)),
                Map.entry("user ana", new SavingsTotals(1, 200.0, 0, 0, 50000.0, 0, 0)));
        assertThat(report.byExperiment()).containsOnlyKeys("exp-1");
        assertThat(report.byExperiment().get("exp-1")).isEqualTo(report.total());
    }
}
