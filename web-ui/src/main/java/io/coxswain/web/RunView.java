package io.coxswain.web;

import io.coxswain.ledger.query.RunSummary;
import java.time.Instant;

/** A run as the pages show it; mapped from the ledger's read model, never an event. */
public record RunView(String runId, String experimentId, String workload, String status, Long plannedSteps,
                      Long lastStep, Double lastLoss, Double learningRate, Integer batchSize, Instant startedAt,
                      Instant finishedAt, String finishReason, String finishDetail) {

    public static RunView from(RunSummary run) {
        return new RunView(run.runId(), run.experimentId(), run.workload(),
                run.status() == null ? null : run.status().name().toLowerCase(), run.plannedSteps(), run.lastStep(),
                finite(run.lastLoss()), finite(run.learningRate()), run.batchSize(), run.startedAt(),
                run.finishedAt(), run.finishReason(), run.finishDetail());
    }

    /** JSON has no NaN: a diverged loss shows as absent rather than breaking the page. */
    private static Double finite(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : value;
    }
}
