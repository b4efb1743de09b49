package io.coxswain.ledger.savings;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.commands.Triggers;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds one run's events, in the order they were stored, into its {@link RunFacts}. Pure apart from its own state;
 * not thread-safe. Used over whole event streams (a backtest, tests) and, without counting steps, over the sparse
 * events {@link RunFactsReader} reads (its SQL sums up the steps).
 */
public final class RunFactsFold {
    private final String runId;
    private final StepTimes times;
    private String experimentId;
    private boolean started;
    private double restartCostSeconds;
    private long plannedSteps;
    private boolean epochBounded;
    private Double configuredWatts;
    private StepCompleted lastStep;
    private Long lastCheckpointStep;
    private final List<RunFacts.Checkpoint> checkpoints = new ArrayList<>();
    private final Map<String, RunFacts.LiveChange> changes = new LinkedHashMap<>();
    private final List<RunFacts.EpochStop> epochStops = new ArrayList<>();
    private Attribution firstStop;
    private RunFacts.Finish finish;

    private RunFactsFold(String runId, boolean countSteps) {
        this.runId = runId;
        this.times = countSteps ? new StepTimes() : null;
    }

    /** A fold of every event of {@code runId}, steps included. */
    public static RunFactsFold of(String runId) {
        return new RunFactsFold(runId, true);
    }

    /** A fold whose step statistics come from elsewhere; StepCompleted events only mark where an epoch stood. */
    static RunFactsFold withoutStepCounting(String runId) {
        return new RunFactsFold(runId, false);
    }

    /** The facts of one run's whole event stream, in stored order. */
    public static RunFacts facts(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a run's facts need at least its RunStarted event");
        }
        RunFactsFold fold = of(events.get(0).runId());
        events.forEach(fold::accept);
        return fold.facts();
    }

    public void accept(EventEnvelope envelope) {
        if (!runId.equals(envelope.runId())) {
            throw new IllegalArgumentException("event " + envelope.header().eventId() + " of run " + envelope.runId()
                    + " folded into the facts of run " + runId);
        }
        if (experimentId == null) {
            experimentId = envelope.header().experimentId();
        }
        long step = envelope.step();
        var event = envelope.event();
        if (event instanceof RunStarted start) {
            start(start);
        } else if (event instanceof StepCompleted done) {
            lastStep = done;
            if (times != null) {
                times.add(step, done);
            }
        } else if (event instanceof CheckpointSaved saved) {
            checkpoints.add(new RunFacts.Checkpoint(step, saved.bytes(), saved.isFinal()));
            lastCheckpointStep = step;
        } else if (event instanceof ParameterChanged changed) {
            change(step, changed);
        } else if (event instanceof TriggerFired fired) {
            trigger(step, fired);
        } else if (event instanceof RunFinished end) {
            finish = new RunFacts.Finish(step, end.reason(), end.detail(),
                    RunFinished.STOPPED.equals(end.reason()) ? firstStop : null);
        }
    }

    /** Whether a RunStarted was folded: without one there is nothing to count. */
    public boolean started() {
        return started;
    }

    /** The facts so far, with the steps this fold counted. */
    public RunFacts facts() {
        if (times == null) {
            throw new IllegalStateException("this fold of run " + runId + " does not count steps");
        }
        return facts(times.stats());
    }

    RunFacts facts(StepStats steps) {
        return new RunFacts(runId, experimentId, plannedSteps, epochBounded, restartCostSeconds, configuredWatts,
                steps, finish, epochStops, List.copyOf(changes.values()), checkpoints);
    }

    private void start(RunStarted start) {
        if (!started) {
            restartCostSeconds = start.restartCostSeconds();
            started = true;
        }
        plannedSteps = start.plannedSteps();
        JsonNode config = start.config();
        epochBounded = config != null && config.path("num_train_epochs").isNumber();
        configuredWatts = config != null && config.path("energy_watts").isNumber()
                ? config.get("energy_watts").doubleValue() : null;
        if (start.resumedFromStep() != null) {
            lastCheckpointStep = start.resumedFromStep();
        }
        finish = null;
    }

    private void change(long step, ParameterChanged changed) {
        RunFacts.LiveChange seen = changes.get(changed.commandId());
        if (seen == null) {
            changes.put(changed.commandId(), new RunFacts.LiveChange(step,
                    Attribution.of(changed.commandId(), changed.source()), List.of(changed.param()),
                    lastCheckpointStep));
        } else if (!seen.params().contains(changed.param())) {
            List<String> params = new ArrayList<>(seen.params());
            params.add(changed.param());
            changes.put(changed.commandId(), new RunFacts.LiveChange(seen.step(), seen.by(), params,
                    seen.lastCheckpointStep()));
        }
    }

    private void trigger(long step, TriggerFired fired) {
        Attribution by = Attribution.of(fired.commandId(), fired.source());
        if (Triggers.STOP.equals(fired.name()) && firstStop == null) {
            firstStop = by;
        } else if (Triggers.EPOCH_STOP.equals(fired.name())) {
            epochStops.add(lastStep == null ? new RunFacts.EpochStop(step, by, 0, 0, 0, 0)
                    : new RunFacts.EpochStop(step, by, lastStep.trainCoverage(), lastStep.epoch(),
                            lastStep.samplesSeen() + lastStep.samplesDropped(), lastStep.batchSize()));
        }
    }
}
