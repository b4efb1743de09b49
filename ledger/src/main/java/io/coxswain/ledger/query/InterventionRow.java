package io.coxswain.ledger.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A command a rule issued: which rule set and controller, what it did, on what evidence, and what came of it.
 *
 * @param ruleSet     the rule set, from the source's {@code <set>/<controller>}; null for a rule outside any set
 * @param controller  the controller (the whole rule name when it names no set)
 * @param firedStep   the step the rule saw when it fired (its evidence's {@code step}), when given
 * @param outcome     {@code pending}, {@code applied}, {@code rejected} or {@code ignored}
 * @param answeredStep the run's step when it answered
 */
public record InterventionRow(String commandId, String runId, String ruleSet, String controller, String rule,
                              JsonNode actions, JsonNode evidence, String reason, Long firedStep, Instant issuedAt,
                              String outcome, String outcomeDetail, Instant answeredAt, Long answeredStep,
                              Double latencyMs) {
}
