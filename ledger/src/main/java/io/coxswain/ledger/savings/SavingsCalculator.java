package io.coxswain.ledger.savings;

import io.coxswain.protocol.events.RunFinished;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one run's interventions saved, from its {@link RunFacts}. Pure: values in, values out. The definitions are in
 * the ledger's README (Savings accounting); in short, with m the run's median step seconds:
 * <ul>
 *   <li>early stop (a stop command ended the run at step s of S planned): (S - s - steps already counted for its
 *       epoch stops) x m; an epoch_stop in an epoch-bounded run: the steps left in the epoch it cut short x m;</li>
 *   <li>live change (each command that changed parameters): the restart cost the run measured at its first start +
 *       (change step - the step of the checkpoint a restart would resume from, or 0) x m;</li>
 *   <li>energy for time saved: seconds x the run's metered mean power (measured), else x energy_watts or the agent's
 *       default 100 W (estimated);</li>
 *   <li>checkpoint storage: the checkpoints a baseline policy (every 0.25 epoch) would have written over the epochs
 *       trained x the run's mean checkpoint size, less the bytes the run wrote; final checkpoints left out on both
 *       sides. Negative when the run wrote more.</li>
 * </ul>
 */
public final class SavingsCalculator {
    /** The power the trainer agent assumes when neither a meter nor energy_watts is there (its default). */
    public static final double DEFAULT_WATTS = 100.0;

    private final SavingsSettings settings;

    public SavingsCalculator(SavingsSettings settings) {
        this.settings = settings;
    }

    public static SavingsCalculator defaults() {
        return new SavingsCalculator(SavingsSettings.defaults());
    }

    /** The run's items: its interventions by step (a stop after the changes of its step), then its storage. */
    public List<SavingsItem> items(RunFacts run) {
        List<SavingsItem> items = new ArrayList<>();
        if (run.epochBounded()) {
            run.epochStops().forEach(stop -> epochStop(run, stop, items));
        }
        run.liveChanges().forEach(change -> items.add(liveChange(run, change)));
        earlyStop(run, items);
        items.sort(Comparator.comparingLong(SavingsItem::step));
        checkpointStorage(run, items);
        return List.copyOf(items);
    }

    /** The steps an epoch_stop left out: the rest of its epoch in batches of that step's size, rounded up. */
    static long stepsLeftInEpoch(RunFacts.EpochStop stop) {
        if (stop.coverage() >= 1 || stop.epoch() <= 0 || stop.batchSize() <= 0 || stop.samplesConsumed() <= 0) {
            return 0;
        }
        double rest = (1 - stop.coverage()) * stop.samplesConsumed() / stop.epoch();
        return (long) Math.ceil(rest / stop.batchSize() - 1e-9);
    }

    private void epochStop(RunFacts run, RunFacts.EpochStop stop, List<SavingsItem> items) {
        long left = stepsLeftInEpoch(stop);
        if (left <= 0 || run.steps().steps() == 0) {
            return;
        }
        double epochSamples = stop.samplesConsumed() / stop.epoch();
        Figure seconds = stepsTimesMedian(run, left, left + " steps not run (epoch_stop with "
                + Num.of(1 - stop.coverage()) + " of an epoch of " + Num.of(epochSamples) + " samples left, batch "
                + stop.batchSize() + ")");
        items.add(new SavingsItem(SavingsKind.EARLY_STOP, run.runId(), run.experimentId(), stop.step(), stop.by(),
                seconds, energy(run, seconds), null));
    }

    private void earlyStop(RunFacts run, List<SavingsItem> items) {
        RunFacts.Finish finish = run.finish();
        if (finish == null || !RunFinished.STOPPED.equals(finish.reason()) || run.plannedSteps() <= 0
                || run.steps().steps() == 0) {
            return;
        }
        long counted = !run.epochBounded() ? 0 : run.epochStops().stream().filter(e -> e.step() <= finish.step())
                .mapToLong(SavingsCalculator::stepsLeftInEpoch).sum();
        long notRun = run.plannedSteps() - finish.step() - counted;
        if (notRun <= 0) {
            return;
        }
        Figure seconds = stepsTimesMedian(run, notRun, notRun + " steps not run (planned " + run.plannedSteps()
                + ", stopped at step " + finish.step() + (counted == 0 ? "" : ", less " + counted
                + " counted for epoch_stop") + ")");
        items.add(new SavingsItem(SavingsKind.EARLY_STOP, run.runId(), run.experimentId(), finish.step(),
                finish.stoppedBy(), seconds, energy(run, seconds), null));
    }

    private SavingsItem liveChange(RunFacts run, RunFacts.LiveChange change) {
        double restart = Math.max(0, run.restartCostSeconds());
        long from = change.lastCheckpointStep() == null ? 0 : change.lastCheckpointStep();
        long lost = Math.max(0, change.step() - from);
        double median = run.steps().medianSeconds();
        String since = change.lastCheckpointStep() == null ? "the run's start (no checkpoint before)"
                : "the checkpoint at step " + from;
        String basis = (restart > 0 ? "restart " + Num.of(restart) + " s (measured at the run's start)"
                : "restart cost not recorded (0 s)") + " + " + (run.steps().steps() == 0
                ? "no step times recorded (0 s)"
                : lost + " steps since " + since + " x median step " + Num.of(median) + " s");
        Figure seconds = new Figure(restart + (run.steps().steps() == 0 ? 0 : lost * median), Measure.MEASURED,
                basis);
        return new SavingsItem(SavingsKind.LIVE_CHANGE, run.runId(), run.experimentId(), change.step(), change.by(),
                seconds, energy(run, seconds), null);
    }

    private void checkpointStorage(RunFacts run, List<SavingsItem> items) {
        double epochs = run.steps().lastEpoch();
        if (run.checkpoints().isEmpty() || epochs <= 0) {
            return;
        }
        double mean = run.checkpoints().stream().mapToLong(RunFacts.Checkpoint::bytes).average().orElseThrow();
        List<RunFacts.Checkpoint> periodic = run.checkpoints().stream().filter(c -> !c.isFinal()).toList();
        long written = periodic.stream().mapToLong(RunFacts.Checkpoint::bytes).sum();
        double every = settings.baselineCheckpointEpochs();
        long baselineCount = (long) Math.floor(epochs / every + 1e-9);
        double baseline = baselineCount * mean;
        Figure bytes = new Figure(Math.round(baseline - written), Measure.MEASURED, "baseline every "
                + Num.of(every) + " epoch: " + baselineCount + " checkpoints over " + Num.of(epochs) + " epochs x mean "
                + Num.of(mean) + " B = " + Math.round(baseline) + " B, less " + written + " B written in "
                + periodic.size() + " checkpoints (final checkpoints left out: both policies write one)");
        items.add(new SavingsItem(SavingsKind.CHECKPOINT_STORAGE, run.runId(), run.experimentId(),
                run.steps().lastStep(), null, null, null, bytes));
    }

    private static Figure stepsTimesMedian(RunFacts run, long steps, String what) {
        double median = run.steps().medianSeconds();
        return new Figure(steps * median, Measure.MEASURED, what + " x median step " + Num.of(median) + " s");
    }

    /** Energy for {@code seconds}: metered mean power where the run has it, else the configured or default watts. */
    static Figure energy(RunFacts run, Figure seconds) {
        StepStats steps = run.steps();
        String time = Num.of(seconds.value()) + " s x ";
        if (steps.meteredSeconds() > 0) {
            double watts = steps.meteredJoules() / steps.meteredSeconds();
            return new Figure(seconds.value() * watts, Measure.MEASURED, time + "measured mean power "
                    + Num.of(watts) + " W (" + steps.meters() + " over " + steps.meteredSteps() + " steps)");
        }
        if (run.configuredWatts() != null) {
            return new Figure(seconds.value() * run.configuredWatts(), Measure.ESTIMATED, time + "configured "
                    + Num.of(run.configuredWatts()) + " W (energy_watts)");
        }
        return new Figure(seconds.value() * DEFAULT_WATTS, Measure.ESTIMATED, time + Num.of(DEFAULT_WATTS)
                + " W (the agent's default: energy_watts not in the run's config)");
    }
}
