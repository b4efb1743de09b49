package io.coxswain.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.checkpoint.AgentCheckpoint;
import io.coxswain.agent.checkpoint.CheckpointStore;
import io.coxswain.agent.checkpoint.SavedCheckpoint;
import io.coxswain.agent.config.IntervalStrategy;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.CommandDecider;
import io.coxswain.agent.control.CommandFeed;
import io.coxswain.agent.control.ControlState;
import io.coxswain.agent.control.Decision;
import io.coxswain.agent.control.FeedStart;
import io.coxswain.agent.control.FiredTrigger;
import io.coxswain.agent.control.IncomingCommand;
import io.coxswain.agent.control.LiveParameters;
import io.coxswain.agent.data.Draw;
import io.coxswain.agent.data.MixingSampler;
import io.coxswain.agent.data.SamplerState;
import io.coxswain.agent.events.EventPublisher;
import io.coxswain.agent.measure.EnergyMeter;
import io.coxswain.agent.replay.ScheduledChanges;
import io.coxswain.agent.resume.ResumeException;
import io.coxswain.agent.resume.ResumePoint;
import io.coxswain.agent.workload.Workload;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.events.CheckpointDeleted;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunPaused;
import io.coxswain.protocol.events.RunResumed;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StateLogged;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run on the calling (training) thread: builds the workload (and restores a checkpoint when resuming), starts the
 * command feed, publishes RunStarted, then repeats "apply the commands that arrived, take one optimizer step, publish
 * what happened" until the run's length is reached or a stop arrives, and ends with a final checkpoint and
 * RunFinished. Any failure still publishes RunFinished failed. Commands are applied only between steps, each as a
 * whole; a paused run keeps answering them.
 */
public final class TrainingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
    private static final long PAUSED_POLL_MS = 20;
    private static final long AWAIT_COMMANDS_SECONDS = 30;

    private final TrainingConfig config;
    private final Supplier<Workload> workloadFactory;
    private final EventPublisher publisher;
    private final CommandFeed feed;
    private final Supplier<String> externalStop;
    private final ResumePoint resume;
    private final long startNanos;
    private final EnergyMeter energy;
    private final ScheduledChanges scheduled;
    private final StepTimes stepTimes = new StepTimes();
    private final Deque<IncomingCommand> pending = new ArrayDeque<>();

    private Workload workload;
    private RunPlan plan;
    private MixingSampler sampler;
    private SamplerState samplerState;
    private BatchPlanner batches;
    private StepRunner steps;
    private CheckpointLoader loader;
    private CheckpointStore checkpoints;
    private ControlState control;
    private Recovery recovery;
    private ScheduleCursor schedule;
    private long step;
    private long lastCommandOffset = -1;
    private String stoppedBy;
    private long pausedSince;

    /**
     * @param externalStop who asked the run to stop from outside the command feed (e.g. a signal), or null
     * @param resume       the checkpoint and history to resume from, or null for a fresh run
     * @param startNanos   {@link System#nanoTime()} when the process (or this run's start) began, for the restart cost
     * @param energy       measures (or estimates) the energy of each step
     * @param scheduled    the schedule the run follows besides its live commands ({@link ScheduledChanges#NONE})
     */
    public TrainingLoop(TrainingConfig config, Supplier<Workload> workloadFactory, EventPublisher publisher,
                        CommandFeed feed, Supplier<String> externalStop, ResumePoint resume, long startNanos,
                        EnergyMeter energy, ScheduledChanges scheduled) {
        this.config = config;
        this.workloadFactory = workloadFactory;
        this.publisher = publisher;
        this.feed = feed;
        this.externalStop = externalStop;
        this.resume = resume;
        this.startNanos = startNanos;
        this.energy = energy;
        this.scheduled = scheduled;
    }

    /** Runs to the end; returns how it ended. Throws only when even RunFinished cannot be published. */
    public RunOutcome run() {
        try {
            start();
            train();
            return finish();
        } catch (RuntimeException | Error e) {
            return fail(e);
        }
    }

    private void start() {
        workload = workloadFactory.get();
        plan = new RunPlan(config, workload.sources(), RunDefaults.batchSchedule(config));
        sampler = new MixingSampler(config.seed(), workload.sources(), config.dropLast());
        samplerState = SamplerState.start(workload.sources());
        batches = new BatchPlanner(plan.batchSchedule(), config.gradientAccumulationSteps(), plan.trainSize(),
                plan.batchSchedule().sizeAt(0));
        control = ControlState.initial(LiveParameters.forRun(workload.sources(), config.gradientAccumulationSteps()),
                RunDefaults.initialValues(config, workload.sources(), batches.current()));
        checkpoints = new CheckpointStore(config.runCheckpointDir());
        if (resume != null) {
            restore(resume);
        }
        schedule = new ScheduleCursor(scheduled, config.runId(), control.seenCommandIds());
        steps = new StepRunner(config, workload, sampler, publisher, energy);
        loader = new CheckpointLoader(workload);
        long first = feed.start(resume == null ? FeedStart.atEnd() : FeedStart.afterOffset(lastCommandOffset));
        lastCommandOffset = first - 1;
        double restartCostSeconds = (System.nanoTime() - startNanos) / 1e9;
        publish(new RunStarted(config.toJson(), config.seed(), workload.name(), plan.plannedSteps(), control.specs(),
                restartCostSeconds, resume == null ? null : resume.checkpoint().step(),
                resume == null ? null : resume.checkpoint().dir().toString()));
        publisher.flush();
        LOG.info("run {} {}: {} for {} steps ({} s to the first step)", config.runId(),
                resume == null ? "started" : "resumed from step " + step, workload.name(), plan.plannedSteps(),
                String.format("%.2f", restartCostSeconds));
        if (recovery != null) {
            awaitAnsweredCommands();
        }
    }

    private void restore(ResumePoint point) {
        AgentCheckpoint state = point.state();
        workload.restoreCheckpoint(point.checkpoint().dir());
        step = state.step();
        samplerState = Json.mapper().convertValue(state.sampler(), SamplerState.class);
        control = ControlState.initial(control.parameters(), state.values()).withSeenAll(
                new HashSet<>(state.seenCommandIds()));
        if (state.paused()) {
            control = control.withPaused(true);
            pausedSince = System.nanoTime();
        }
        lastCommandOffset = state.lastCommandOffset();
        batches.restore(state.batchOverridden(), state.commandedBatchSize(), state.currentBatchSize(),
                state.plannedBatchSize());
        if (point.history().lastStep() > step || !point.history().answeredAt().isEmpty()) {
            recovery = new Recovery(point.history());
        }
    }

    /** A resumed run needs every command it had answered after its checkpoint before it can re-execute its steps. */
    private void awaitAnsweredCommands() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_COMMANDS_SECONDS);
        Set<String> awaited = new HashSet<>(recovery.awaited());
        awaited.removeAll(schedule.commandIds());
        while (true) {
            for (IncomingCommand incoming : feed.drain()) {
                pending.add(incoming);
                if (incoming instanceof IncomingCommand.Received received) {
                    awaited.remove(received.command().commandId());
                } else if (incoming instanceof IncomingCommand.Unreadable unreadable) {
                    awaited.remove(unreadable.commandId());
                }
            }
            if (awaited.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ResumeException("run " + config.runId() + " had answered commands " + awaited + " after its"
                        + " checkpoint at step " + step + ", but they are not in its control partition after offset "
                        + lastCommandOffset);
            }
            sleep(PAUSED_POLL_MS);
        }
    }

    private void train() {
        while (true) {
            applyCommands();
            checkExternalStop();
            while (control.paused() && stoppedBy == null && !replaying()) {
                sleep(PAUSED_POLL_MS);
                applyCommands();
                checkExternalStop();
            }
            if (stoppedBy != null || plan.done(step, consumed())) {
                endRecovery();
                return;
            }
            oneStep();
        }
    }

    private void oneStep() {
        BatchPlanner.Choice choice = batches.choose(step, sampler, samplerState);
        if (choice.rejected().isPresent() && !replaying()) {
            publish(choice.rejected().get());
        }
        int planned = batches.planNext(step + 1);
        boolean scheduleDrives = !batches.overridden();
        double learningRate = plan.learningRate(control.learningRate(), step, consumed(), scheduleDrives,
                choice.size());
        StepRunner.Outcome outcome = steps.run(step, samplerState, choice.size(), planned, weights(), learningRate,
                control, !replaying());
        samplerState = outcome.draw().next();
        step++;
        stepTimes.add(outcome.seconds());
        // the schedule's choice shows in the live value; a commanded size stays there while it waits for an epoch end
        if (!batches.overridden() && control.intValue(LiveParameters.BATCH_SIZE_NAME) != choice.size()) {
            control = control.withValue(LiveParameters.BATCH_SIZE_NAME, IntNode.valueOf(choice.size()));
        }
        if (recovery != null && recovery.replaying(step - 1)) {
            recovery.check(step, outcome.loss());
            return;
        }
        endRecovery();
        boolean epochEnd = outcome.draw().epochEnd();
        if (config.evalStrategy().due(step, control.evalSteps(), epochEnd)) {
            publish(new EvalCompleted(workload.evaluate()));
        }
        if (config.saveStrategy().due(step, control.intValue(LiveParameters.SAVE_STEPS_NAME), epochEnd)) {
            checkpoint(false);
        }
    }

    private boolean replaying() {
        return recovery != null && recovery.replaying(step);
    }

    private void endRecovery() {
        if (recovery != null && !recovery.replaying(step)) {
            LOG.info("run {} re-executed its steps up to {} after the restart: {} losses checked, {} differed",
                    config.runId(), recovery.untilStep(), recovery.checked(), recovery.mismatches());
            recovery = null;
        }
    }

    private long consumed() {
        return samplerState.samplesSeen() + samplerState.samplesDropped();
    }

    private Map<String, Double> weights() {
        Map<String, Double> weights = new LinkedHashMap<>();
        if (workload.sources().size() == 1) {
            weights.put(workload.sources().get(0).name(), 1.0);
            return weights;
        }
        workload.sources().forEach(s -> weights.put(s.name(),
                control.doubleValue(LiveParameters.MIX_PREFIX + s.name())));
        return weights;
    }

    private void checkExternalStop() {
        if (stoppedBy == null && externalStop != null) {
            stoppedBy = externalStop.get();
        }
    }

    private void applyCommands() {
        boolean answered = false;
        // the schedule's entries of this step first: a replay applies what its original applied here, in order
        for (ControlCommand due : schedule.dueAt(step)) {
            IncomingCommand.Received entry = new IncomingCommand.Received(due, -1);
            boolean silent = recovery != null && recovery.answeredBefore(entry, step);
            decideAndCarryOut(entry, silent, false);
            answered |= !silent;
        }
        pending.addAll(feed.drain());
        while (!pending.isEmpty()) {
            IncomingCommand next = pending.peekFirst();
            boolean silent = recovery != null && recovery.answeredBefore(next, step);
            if (!silent && replaying()) {
                break;
            }
            pending.pollFirst();
            decideAndCarryOut(next, silent, true);
            answered |= !silent;
        }
        if (answered) {
            publisher.flush();
        }
    }

    /** @param fromFeed a record of the control partition (its offset is the run's position there), not an entry */
    private void decideAndCarryOut(IncomingCommand incoming, boolean silent, boolean fromFeed) {
        CheckpointLoader.Prepared checkpoints = prepareLoads(incoming);
        Decision decision = decide(incoming, checkpoints);
        if (silent && incoming instanceof IncomingCommand.Received received) {
            warnIfNotReloaded(received.command(), decision);
        }
        JsonNode batchBefore = control.value(LiveParameters.BATCH_SIZE_NAME);
        control = decision.next();
        JsonNode batchAfter = control.value(LiveParameters.BATCH_SIZE_NAME);
        if (!batchAfter.equals(batchBefore)) {
            batches.override(batchAfter.intValue());
        }
        if (fromFeed) {
            lastCommandOffset = incoming.offset();
        }
        if (!silent) {
            decision.answers().forEach(this::publish);
        }
        // a command is applied as a whole, as its set actions are: what it changes in the run's state (epoch_stop,
        // stop, a loaded checkpoint) takes effect before its triggers' work, so that a checkpoint or log it fires
        // holds the whole command (a run resumed from that checkpoint does not see the command again)
        for (Action.LoadCheckpoint load : decision.loads()) {
            checkpoints.load(load.checkpoint());
            LOG.info("run {} at step {} loaded the model and optimizer state of checkpoint {}{}", config.runId(),
                    step, load.checkpoint(), load.fromRun() == null ? "" : " of run " + load.fromRun());
        }
        for (FiredTrigger trigger : decision.triggers()) {
            changeState(trigger);
        }
        for (FiredTrigger trigger : decision.triggers()) {
            carryOut(trigger, silent);
        }
    }

    private Decision decide(IncomingCommand incoming, CheckpointLoader.Prepared checkpoints) {
        if (!(incoming instanceof IncomingCommand.Received received)) {
            return CommandDecider.rejectUnreadable(control, (IncomingCommand.Unreadable) incoming);
        }
        ControlCommand command = received.command();
        if (scheduled.refusesRules() && command.source() != null && command.source().kind() == SourceKind.RULE) {
            return CommandDecider.refuse(control, command, "run " + config.runId() + " is a replay ("
                    + scheduled.author() + "): it follows its original's schedule, where that run's rule commands"
                    + " already are, and refuses commands from rules");
        }
        return CommandDecider.decide(control, command, checkpoints.lookups());
    }

    /** Reads the checkpoints a new command asks to load before it is decided; a duplicate loads nothing. */
    private CheckpointLoader.Prepared prepareLoads(IncomingCommand incoming) {
        if (incoming instanceof IncomingCommand.Received received
                && !control.hasSeen(received.command().commandId())) {
            return loader.prepare(received.command());
        }
        return CheckpointLoader.Prepared.NONE;
    }

    /**
     * A command that loaded a checkpoint before a restart is rejected when it is re-applied after it if that
     * checkpoint is gone by then (e.g. pruned by its run's save_total_limit): the re-executed steps then differ.
     */
    private void warnIfNotReloaded(ControlCommand command, Decision decision) {
        boolean loads = command.actions().stream().anyMatch(a -> a instanceof Action.LoadCheckpoint);
        if (loads && decision.answers().get(0) instanceof CommandRejected rejected) {
            LOG.warn("run {} re-applies command {} after the restart and rejects it now ({}); if it was applied"
                    + " before, the re-executed steps differ from the published ones", config.runId(),
                    command.commandId(), rejected.reason());
        }
    }

    private void changeState(FiredTrigger trigger) {
        switch (trigger.kind()) {
            case STOP -> {
                if (stoppedBy == null) {
                    stoppedBy = trigger.firedBy();
                }
            }
            case EPOCH_STOP -> samplerState = sampler.skipEpoch(samplerState);
            default -> {
            }
        }
    }

    private void carryOut(FiredTrigger trigger, boolean silent) {
        switch (trigger.kind()) {
            case CHECKPOINT -> {
                if (!silent) {
                    checkpoint(false);
                }
            }
            case EVALUATE -> {
                if (!silent) {
                    publish(new EvalCompleted(workload.evaluate()));
                }
            }
            case LOG -> {
                if (!silent) {
                    publish(new StateLogged(trigger.commandId(), snapshot()));
                }
            }
            case STOP -> {
                // done by changeState
            }
            case EPOCH_STOP -> {
                // the sampler moved in changeState; the epoch-end work of the epoch strategies follows, as in HF
                if (!silent && config.evalStrategy() == IntervalStrategy.EPOCH) {
                    publish(new EvalCompleted(workload.evaluate()));
                }
                if (!silent && config.saveStrategy() == IntervalStrategy.EPOCH) {
                    checkpoint(false);
                }
            }
            case PAUSE -> {
                pausedSince = System.nanoTime();
                if (!silent) {
                    publish(new RunPaused(trigger.commandId(), trigger.firedBy()));
                }
            }
            case RESUME -> {
                if (!silent) {
                    publish(new RunResumed(trigger.commandId(), (System.nanoTime() - pausedSince) / 1e9,
                            trigger.firedBy()));
                }
            }
        }
    }

    private JsonNode snapshot() {
        double learningRate = plan.learningRate(control.learningRate(), step, consumed(), !batches.overridden(),
                batches.planned());
        return Snapshot.of(step, plan.plannedSteps(), control, samplerState, steps.lastLoss(), learningRate,
                batches.current(), batches.overridden(), stepTimes.median(), lastCommandOffset);
    }

    private void checkpoint(boolean isFinal) {
        AgentCheckpoint state = new AgentCheckpoint(step, config.toJson(), Json.mapper().valueToTree(samplerState),
                control.values(), new ArrayList<>(control.seenCommandIds()), control.paused(), lastCommandOffset,
                batches.overridden(), batches.commanded(), batches.current(), batches.planned(), publisher.lastSeq(),
                Instant.now(), scheduled.changesNothing() ? null : scheduled.toJson());
        SavedCheckpoint saved = checkpoints.write(state, isFinal, workload::saveCheckpoint);
        publish(new CheckpointSaved(saved.dir().toString(), saved.bytes(), isFinal));
        for (SavedCheckpoint deleted : checkpoints.prune(config.saveTotalLimit())) {
            publish(new CheckpointDeleted(deleted.dir().toString(), deleted.bytes(), "save_total_limit "
                    + config.saveTotalLimit()));
        }
    }

    private RunOutcome finish() {
        checkpoint(true);
        String reason = stoppedBy == null ? RunFinished.COMPLETED : RunFinished.STOPPED;
        String detail = stoppedBy != null ? stoppedBy : config.boundedByEpochs()
                ? "completed " + config.numTrainEpochs() + " epochs in " + step + " steps"
                : "completed " + step + " of " + plan.plannedSteps() + " steps";
        publish(new RunFinished(reason, detail));
        publisher.flush();
        LOG.info("run {} {} at step {}: {}", config.runId(), reason, step, detail);
        if (schedule.remaining() > 0) {
            LOG.info("run {} ended before {} entries of its schedule ({}) were due", config.runId(),
                    schedule.remaining(), scheduled.author());
        }
        return outcome(reason, detail, null);
    }

    private RunOutcome fail(Throwable error) {
        String detail = error.getClass().getSimpleName() + ": " + error.getMessage() + " (at step " + step + ")";
        LOG.error("run {} failed at step {}", config.runId(), step, error);
        try {
            publish(new RunFinished(RunFinished.FAILED, detail));
            publisher.flush();
        } catch (RuntimeException publishFailure) {
            publishFailure.addSuppressed(error);
            throw publishFailure;
        }
        return outcome(RunFinished.FAILED, detail, error);
    }

    private RunOutcome outcome(String reason, String detail, Throwable failure) {
        long planned = plan == null ? config.stepLimit() : plan.plannedSteps();
        double lastLoss = steps == null ? Double.NaN : steps.lastLoss();
        return new RunOutcome(reason, detail, step, planned, lastLoss, stepTimes.median(), failure);
    }

    private void publish(RunEvent event) {
        publisher.publish(step, event);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training thread interrupted", e);
        }
    }
}
