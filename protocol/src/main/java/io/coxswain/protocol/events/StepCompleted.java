package io.coxswain.protocol.events;

import java.util.List;

/** One optimizer step finished. {@code epoch} is fractional: total samples seen divided by the data set size. */
public record StepCompleted(double epoch, double trainCoverage, long samplesSeen, int batchSize, double loss,
                            double gradNorm, double learningRate, double stepSeconds, boolean logged,
                            boolean epochEnd, List<Double> sampleLosses) implements RunEvent {
}
