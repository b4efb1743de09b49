package io.coxswain.ledger.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One run as the ledger knows it. Fields the ledger has not seen yet are null (e.g. {@code lastStep} before the
 * first step, {@code startedAt} when the RunStarted event has not arrived).
 *
 * @param finishReason {@code completed}, {@code stopped} or {@code failed}, once finished
 * @param lastLoss     the training loss of the latest step
 * @param learningRate the learning rate of the latest step, else the declared one
 * @param config       the configuration the run started with
 * @param updatedAt    when the ledger last changed this run
 */
public record RunSummary(String runId, String experimentId, String workload, RunStatus status, Long seed,
                         Long plannedSteps, Instant startedAt, Instant finishedAt, String finishReason,
                         String finishDetail, Long lastStep, Double lastLoss, Double learningRate, Integer batchSize,
                         JsonNode config, Instant updatedAt) {
}
