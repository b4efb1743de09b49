package io.coxswain.ledger.query;

import com.fasterxml.jackson.databind.JsonNode;
import org.jdbi.v3.core.mapper.Nested;

/**
 * A run with what the runs list shows beside its summary: its tags, its epoch, the last command a rule sent it and
 * the time its interventions saved (from the {@code savings} projection).
 *
 * @param tags                  the run's configuration tags (a JSON array; empty before its RunStarted arrives)
 * @param epoch                 the fractional epoch of its latest step, when stored
 * @param interventionRule      the rule ({@code <set>/<controller>}) of the last command a rule sent, if any
 * @param interventionActions   that command's actions as sent (a JSON array)
 * @param interventionStep      the step the rule saw when it fired, else the step the run answered at
 * @param interventionOutcome   {@code pending}, {@code applied}, {@code rejected} or {@code ignored}
 * @param savingsItems          how many savings items the projection holds for the run
 * @param savedSecondsMeasured  seconds saved, summed over measured figures
 * @param savedSecondsEstimated seconds saved, summed over estimated figures
 */
public record RunOverview(@Nested RunSummary run, JsonNode tags, Double epoch, String interventionRule,
                          JsonNode interventionActions, Long interventionStep, String interventionOutcome,
                          int savingsItems, double savedSecondsMeasured, double savedSecondsEstimated) {
}
