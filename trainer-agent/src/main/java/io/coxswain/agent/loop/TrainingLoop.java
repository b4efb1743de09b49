package io.coxswain.agent.loop;

import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.CommandDecider;
import io.coxswain.agent.control.CommandFeed;
import io.coxswain.agent.control.ControlState;
import io.coxswain.agent.control.Decision;
import io.coxswain.agent.control.FiredTrigger;
import io.coxswain.agent.control.IncomingCommand;
import io.coxswain.agent.events.EventPublisher;
import io.coxswain.agent.workload.Draw;
import io.coxswain.agent.workload.EpochSampler;
import io.coxswain.agent.workload.SamplerPosition;
import io.coxswain.agent.workload.StepRequest;
import io.coxswain.agent.workload.StepResult;
import io.coxswain.agent.workload.Workload;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run on the calling (training) thread: builds the workload, starts the command feed, publishes RunStarted,
 * then repeats "apply the commands that arrived, fit one minibatch, publish what happened" until the planned steps
 * are done or a stop arrives, and ends with a final checkpoint and RunFinished. Any failure still publishes
 * RunFinished failed. Commands are applied only between steps, each as a whole.
 */
public final class TrainingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);

    private final TrainingConfig config;
    private final Supplier<Workload> workloadFactory;
    private final EventPublisher publisher;
    private final CommandFeed feed;
    private final Supplier<String> externalStop;
    private final StepTimes stepTimes = new StepTimes();

    private Workload workload;
    private ControlState control;
    private long step;
    private long samplesSeen;
    private double lastLoss = Double.NaN;
    private String stoppedBy;

    /**
     * @param externalStop who asked the run to stop from outside the command feed (e.g. a signal), or null
     */
    public TrainingLoop(TrainingConfig config, Supplier<Workload> workloadFactory, EventPublisher publisher,
                        CommandFeed feed, Supplier<String> externalStop) {
        this.config = config;
        this.workloadFactory = workloadFactory;
        this.publisher = publisher;
        this.feed = feed;
        this.externalStop = externalStop;
        this.control = ControlState.initial(config.learningRate(), config.loggingSteps(), config.evalSteps());
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
        long began = System.nanoTime();
        workload = workloadFactory.get();
        double restartCostSeconds = (System.nanoTime() - began) / 1e9;
        feed.start();
        publish(new RunStarted(config.toJson(), config.seed(), workload.name(), config.maxSteps(), control.specs(),
                restartCostSeconds));
        publisher.flush();
        LOG.info("run {} started: {} for {} steps (model and data built in {} s)", config.runId(), workload.name(),
                config.maxSteps(), String.format("%.2f", restartCostSeconds));
    }

    private void train() {
        EpochSampler sampler = new EpochSampler(config.seed(), workload.trainSize());
        SamplerPosition position = SamplerPosition.START;
        while (true) {
            applyCommands();
            if (stoppedBy == null && externalStop != null) {
                stoppedBy = externalStop.get();
            }
            if (stoppedBy != null || step >= config.maxSteps()) {
                return;
            }
            Draw draw = sampler.draw(position, config.batchSize());
            double learningRate = control.learningRate();
            long began = System.nanoTime();
            StepResult result = workload.step(new StepRequest(new int[][] {draw.indices()}, step, draw.epoch(),
                    learningRate, 0, 0, false, null));
            double seconds = (System.nanoTime() - began) / 1e9;
            step++;
            samplesSeen += draw.indices().length;
            position = draw.next();
            lastLoss = result.loss();
            stepTimes.add(seconds);
            publish(new StepCompleted((double) samplesSeen / sampler.size(), draw.coverage(), samplesSeen,
                    draw.indices().length, result.loss(), result.gradNorm(), learningRate, seconds,
                    step % control.loggingSteps() == 0, draw.epochEnd(), null));
            if (step % control.evalSteps() == 0) {
                publish(new EvalCompleted(workload.evaluate()));
            }
        }
    }

    private void applyCommands() {
        List<IncomingCommand> commands = feed.drain();
        for (IncomingCommand incoming : commands) {
            Decision decision = incoming instanceof IncomingCommand.Received received
                    ? CommandDecider.decide(control, received.command())
                    : CommandDecider.rejectUnreadable(control, (IncomingCommand.Unreadable) incoming);
            control = decision.next();
            decision.answers().forEach(this::publish);
            decision.triggers().forEach(this::carryOut);
        }
        if (!commands.isEmpty()) {
            publisher.flush();
        }
    }

    private void carryOut(FiredTrigger trigger) {
        switch (trigger.kind()) {
            case CHECKPOINT -> checkpoint(false);
            case EVALUATE -> publish(new EvalCompleted(workload.evaluate()));
            case STOP -> {
                if (stoppedBy == null) {
                    stoppedBy = trigger.firedBy();
                }
            }
        }
    }

    private void checkpoint(boolean isFinal) {
        Path file = Checkpoints.file(config.runCheckpointDir(), step, isFinal).toAbsolutePath();
        long bytes;
        try {
            java.nio.file.Files.createDirectories(file);
            bytes = workload.saveCheckpoint(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        publish(new CheckpointSaved(file.toString(), bytes, isFinal));
    }

    private RunOutcome finish() {
        checkpoint(true);
        String reason = stoppedBy == null ? RunFinished.COMPLETED : RunFinished.STOPPED;
        String detail = stoppedBy == null ? "completed " + step + " of " + config.maxSteps() + " steps" : stoppedBy;
        publish(new RunFinished(reason, detail));
        publisher.flush();
        LOG.info("run {} {} at step {}: {}", config.runId(), reason, step, detail);
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
        return new RunOutcome(reason, detail, step, config.maxSteps(), lastLoss, stepTimes.median(), failure);
    }

    private void publish(RunEvent event) {
        publisher.publish(step, event);
    }
}
