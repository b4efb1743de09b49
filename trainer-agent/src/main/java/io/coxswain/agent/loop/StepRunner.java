package io.coxswain.agent.loop;

import io.coxswain.agent.config.CorruptionSpec;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.ControlState;
import io.coxswain.agent.control.LiveParameters;
import io.coxswain.agent.data.Draw;
import io.coxswain.agent.data.MixingSampler;
import io.coxswain.agent.data.SamplerState;
import io.coxswain.agent.events.EventPublisher;
import io.coxswain.agent.measure.EnergyMeter;
import io.coxswain.agent.measure.Reading;
import io.coxswain.agent.workload.Corruption;
import io.coxswain.agent.workload.StepRequest;
import io.coxswain.agent.workload.StepResult;
import io.coxswain.agent.workload.Workload;
import io.coxswain.protocol.events.StepCompleted;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One optimizer step: draws the batch, cuts it into micro-batches, injects the configured corruption, runs the
 * workload's step and publishes StepCompleted (unless the step is being re-executed after a restart).
 */
final class StepRunner {
    private final TrainingConfig config;
    private final Workload workload;
    private final MixingSampler sampler;
    private final EventPublisher publisher;
    private final EnergyMeter energy;
    private final Map<Long, CorruptionSpec> corruption = new HashMap<>();
    private Reading lastReading;
    private double lastLoss = Double.NaN;

    /** What one step did. */
    record Outcome(Draw draw, double loss, double seconds) {
    }

    StepRunner(TrainingConfig config, Workload workload, MixingSampler sampler, EventPublisher publisher,
               EnergyMeter energy) {
        this.energy = energy;
        this.lastReading = energy.read();
        this.config = config;
        this.workload = workload;
        this.sampler = sampler;
        this.publisher = publisher;
        config.corruption().forEach(spec -> corruption.put(spec.step(), spec));
    }

    double lastLoss() {
        return lastLoss;
    }

    /**
     * @param done       steps taken before this one
     * @param microBatch samples per micro-batch
     * @param planned    the micro-batch size planned for the next step (drop_last's look-ahead)
     */
    Outcome run(long done, SamplerState at, int microBatch, int planned, Map<String, Double> weights,
                double learningRate, ControlState control, boolean publish) {
        int accumulation = config.gradientAccumulationSteps();
        Draw draw = sampler.draw(at, microBatch * accumulation, weights, planned * accumulation);
        long stepNumber = done + 1;
        int sampleLossEvery = control.intValue(LiveParameters.SAMPLE_LOSS_STEPS_NAME);
        boolean wantSampleLosses = sampleLossEvery > 0 && stepNumber % sampleLossEvery == 0;
        StepRequest request = new StepRequest(split(draw.indices(), microBatch), done, at.epoch(), learningRate,
                control.doubleValue(LiveParameters.WEIGHT_DECAY_NAME),
                control.doubleValue(LiveParameters.MAX_GRAD_NORM_NAME), wantSampleLosses, corruptionAt(stepNumber));
        long began = System.nanoTime();
        StepResult result = workload.step(request);
        double seconds = (System.nanoTime() - began) / 1e9;
        Reading reading = energy.read();
        double joules = reading.joulesSince(lastReading);
        lastReading = reading;
        lastLoss = result.loss();
        if (publish) {
            int size = draw.indices().length;
            boolean logged = config.loggingStrategy().due(stepNumber, control.loggingSteps(), draw.epochEnd());
            publisher.publish(stepNumber, new StepCompleted(draw.epoch(), draw.trainCoverage(), draw.samplesSeen(),
                    size, result.loss(), result.gradNorm(), learningRate, seconds, logged, draw.epochEnd(),
                    sampleLosses(result), draw.samplesDropped(), draw.sourceCoverage(),
                    seconds > 0 ? size / seconds : 0.0, joules, reading.source()));
        }
        return new Outcome(draw, result.loss(), seconds);
    }

    private Corruption corruptionAt(long stepNumber) {
        CorruptionSpec spec = corruption.get(stepNumber);
        return spec == null ? null
                : new Corruption(spec.kind(), spec.fraction(), config.seed() * 31 + stepNumber);
    }

    /** Consecutive micro-batches of {@code size} samples; the last one shorter when the batch was cut short. */
    static int[][] split(int[] indices, int size) {
        List<int[]> parts = new ArrayList<>();
        for (int from = 0; from < indices.length; from += size) {
            parts.add(Arrays.copyOfRange(indices, from, Math.min(indices.length, from + size)));
        }
        return parts.toArray(new int[0][]);
    }

    private static List<Double> sampleLosses(StepResult result) {
        if (result.sampleLosses() == null) {
            return null;
        }
        List<Double> losses = new ArrayList<>(result.sampleLosses().length);
        for (double loss : result.sampleLosses()) {
            losses.add(loss);
        }
        return losses;
    }
}
