package io.coxswain.ledger.projection;

/** The latest step of a run seen in one batch. */
public record StepProgress(String runId, String experimentId, long step, double loss, double learningRate,
                           int batchSize) {
}
