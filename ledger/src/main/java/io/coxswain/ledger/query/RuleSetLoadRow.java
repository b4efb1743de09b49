package io.coxswain.ledger.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A rule set loaded, rejected or removed.
 *
 * @param runId       the rule set's pseudo-run, {@code rules:<name>}
 * @param outcome     {@code loaded}, {@code rejected} or {@code removed}
 * @param version     the SHA-256 of its text (of the rejected text, when rejected); null when removed
 * @param controllers the controllers' names when loaded (a JSON array), else null
 * @param scope       the runs it applies to when loaded, else null
 * @param error       what is wrong, when rejected
 */
public record RuleSetLoadRow(String eventId, String runId, String ruleSet, String outcome, String version,
                             String previousVersion, JsonNode controllers, JsonNode scope, String error,
                             Instant at) {
}
