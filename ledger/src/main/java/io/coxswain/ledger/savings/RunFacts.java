package io.coxswain.ledger.savings;

import java.util.List;

/**
 * What savings are computed from, for one run, read from its events ({@link RunFactsFold}, {@link RunFactsReader}).
 *
 * @param plannedSteps       the planned steps of the run's latest start; 0 when unknown
 * @param epochBounded       the run is bounded by epochs (num_train_epochs), so an epoch cut short ends it sooner
 * @param restartCostSeconds the restart cost its first start measured (process start to first step); 0 when not
 *                           recorded
 * @param configuredWatts    energy_watts from the latest start's config, or null when the config has none
 * @param steps              its step times, energy and progress
 * @param finish             how it ended, or null while it runs (or after a failure it resumed from)
 * @param epochStops         each epoch_stop applied, in order
 * @param liveChanges        each command that changed parameters live, in order
 * @param checkpoints        each checkpoint written, in order
 */
public record RunFacts(String runId, String experimentId, long plannedSteps, boolean epochBounded,
                       double restartCostSeconds, Double configuredWatts, StepStats steps, Finish finish,
                       List<EpochStop> epochStops, List<LiveChange> liveChanges, List<Checkpoint> checkpoints) {

    public RunFacts {
        epochStops = List.copyOf(epochStops);
        liveChanges = List.copyOf(liveChanges);
        checkpoints = List.copyOf(checkpoints);
    }

    /** The same run with other interventions in place of its recorded ones (a backtest's hypothesis). */
    public RunFacts withInterventions(Finish finish, List<EpochStop> epochStops, List<LiveChange> liveChanges) {
        return new RunFacts(runId, experimentId, plannedSteps, epochBounded, restartCostSeconds, configuredWatts,
                steps, finish, epochStops, liveChanges, checkpoints);
    }

    /** The step of the latest checkpoint written at or before {@code step}, or null when there is none. */
    public Long lastCheckpointAtOrBefore(long step) {
        Long last = null;
        for (Checkpoint checkpoint : checkpoints) {
            if (checkpoint.step() <= step && (last == null || checkpoint.step() > last)) {
                last = checkpoint.step();
            }
        }
        return last;
    }

    /**
     * How the run ended.
     *
     * @param step      the step it ended at
     * @param reason    completed, stopped or failed
     * @param stoppedBy for a stopped run, the first stop command it applied; null when none was recorded
     */
    public record Finish(long step, String reason, String detail, Attribution stoppedBy) {
    }

    /**
     * An epoch_stop applied after {@code step}, with the numbers of that step's StepCompleted (defaults when the run
     * had no step yet: nothing of the epoch consumed).
     *
     * @param coverage        fraction of the epoch consumed
     * @param epoch           fractional epoch
     * @param samplesConsumed samples trained plus dropped since the run started
     * @param batchSize       samples per step
     */
    public record EpochStop(long step, Attribution by, double coverage, double epoch, long samplesConsumed,
                            int batchSize) {
    }

    /**
     * One command that changed parameters live.
     *
     * @param params             the parameters it changed
     * @param lastCheckpointStep the step of the checkpoint a restart would have resumed from (the latest written
     *                           before the change, or the one the run resumed from), or null when there was none
     */
    public record LiveChange(long step, Attribution by, List<String> params, Long lastCheckpointStep) {
        public LiveChange {
            params = List.copyOf(params);
        }
    }

    /** A checkpoint written at {@code step}; {@code isFinal} marks the one every run writes when it ends. */
    public record Checkpoint(long step, long bytes, boolean isFinal) {
    }
}
