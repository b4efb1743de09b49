package io.coxswain.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.ledger.query.RunOverview;
import io.coxswain.ledger.query.RunSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run as the pages show it; mapped from the ledger's read model, never an event.
 *
 * @param lastIntervention the last command a rule sent the run, null when none
 * @param savedSeconds     the time its interventions saved (savings projection), split measured / estimated
 */
public record RunView(String runId, String experimentId, String workload, String status, Long plannedSteps,
                      Long lastStep, Double epoch, Double lastLoss, Double learningRate, Integer batchSize,
                      List<String> tags, InterventionView lastIntervention, SavedView savedSeconds,
                      Instant startedAt, Instant finishedAt, String finishReason, String finishDetail) {

    /** A rule's command: which rule, what it asked for, the step it saw, and how the run answered. */
    public record InterventionView(String rule, JsonNode actions, Long step, String outcome) {
    }

    /** Seconds saved: measured and estimated kept apart, and how many savings items they sum. */
    public record SavedView(int items, double measured, double estimated) {
    }

    public static RunView from(RunOverview overview) {
        RunSummary run = overview.run();
        InterventionView intervention = overview.interventionRule() == null ? null
                : new InterventionView(overview.interventionRule(), overview.interventionActions(),
                        overview.interventionStep(), overview.interventionOutcome());
        return new RunView(run.runId(), run.experimentId(), run.workload(),
                run.status() == null ? null : run.status().name().toLowerCase(), run.plannedSteps(), run.lastStep(),
                finite(overview.epoch()), finite(run.lastLoss()), finite(run.learningRate()), run.batchSize(),
                strings(overview.tags()), intervention,
                new SavedView(overview.savingsItems(), overview.savedSecondsMeasured(),
                        overview.savedSecondsEstimated()),
                run.startedAt(), run.finishedAt(), run.finishReason(), run.finishDetail());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    /** JSON has no NaN: a diverged loss shows as absent rather than breaking the page. */
    private static Double finite(Double value) {
        return value == null || value.isNaN() || value.isInfinite() ? null : value;
    }
}
