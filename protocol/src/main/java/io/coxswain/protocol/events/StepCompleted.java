package io.coxswain.protocol.events;

import java.util.List;
import java.util.Map;

/**
 * One optimizer step finished.
 *
 * @param epoch            fractional epoch: samples consumed (trained, plus any dropped by drop_last or skipped by
 *                         epoch_stop) divided by the training set size, so it is a whole number at each epoch end
 * @param trainCoverage    fraction of the current epoch consumed, exactly 1.0 on the step that ends an epoch
 * @param samplesSeen      samples trained on since the run started
 * @param batchSize        samples in this step's batch (all micro-batches of a gradient-accumulation step)
 * @param sampleLosses     per-sample losses of this batch when the run inspects it, else null
 * @param samplesDropped   samples consumed without being trained on since the run started (drop_last remainders,
 *                         epochs cut short by epoch_stop)
 * @param sourceCoverage   per data source: fraction of that source's current epoch drawn, or null with one source
 * @param samplesPerSecond samples trained per wall-clock second in this step
 * @param energyJoules     energy this step used, or null when not measured or estimated
 * @param energySource     where {@code energyJoules} comes from: {@code rapl} or {@code nvml} (measured), or
 *                         {@code estimated} (configured wattage x step time); null with no energy figure
 */
public record StepCompleted(double epoch, double trainCoverage, long samplesSeen, int batchSize, double loss,
                            double gradNorm, double learningRate, double stepSeconds, boolean logged,
                            boolean epochEnd, List<Double> sampleLosses, Long samplesDropped,
                            Map<String, Double> sourceCoverage, Double samplesPerSecond, Double energyJoules,
                            String energySource) implements RunEvent {
    public static final String ENERGY_RAPL = "rapl";
    public static final String ENERGY_NVML = "nvml";
    public static final String ENERGY_ESTIMATED = "estimated";

    /** Events written before {@code samplesDropped} and {@code samplesPerSecond} existed read as 0 and size / time. */
    public StepCompleted {
        if (samplesDropped == null) {
            samplesDropped = 0L;
        }
        if (samplesPerSecond == null) {
            samplesPerSecond = stepSeconds > 0 ? batchSize / stepSeconds : 0.0;
        }
    }

    /** A step of a single-source run without energy figures; samples per second from batch size and time. */
    public StepCompleted(double epoch, double trainCoverage, long samplesSeen, int batchSize, double loss,
                         double gradNorm, double learningRate, double stepSeconds, boolean logged, boolean epochEnd,
                         List<Double> sampleLosses) {
        this(epoch, trainCoverage, samplesSeen, batchSize, loss, gradNorm, learningRate, stepSeconds, logged,
                epochEnd, sampleLosses, 0L, null, null, null, null);
    }
}
