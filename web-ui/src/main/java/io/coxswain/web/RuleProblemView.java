package io.coxswain.web;

import io.coxswain.ledger.query.EventRow;
import io.coxswain.ledger.query.RuleSetLoadRow;
import java.time.Instant;

/**
 * A rule that could not run: a controller that failed or was skipped for a run ({@code RuleFailed},
 * {@code RuleSkipped}), or a published rule set that did not load ({@code RuleSetRejected}, run {@code rules:<name>}).
 */
public record RuleProblemView(String type, String runId, Long step, Instant time, String ruleSet, String controller,
                              String message) {

    static RuleProblemView from(EventRow row) {
        var p = row.payload();
        String message = "RuleFailed".equals(row.type())
                ? text(p, "error") + " (rule: " + text(p, "rule") + ")"
                : "metric " + text(p, "metric") + ": " + text(p, "reason");
        return new RuleProblemView(row.type(), row.runId(), row.step(), row.time(), text(p, "ruleSet"),
                text(p, "controller"), message);
    }

    static RuleProblemView from(RuleSetLoadRow rejected) {
        return new RuleProblemView("RuleSetRejected", rejected.runId(), null, rejected.at(), rejected.ruleSet(), null,
                rejected.error());
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode payload, String field) {
        return payload == null || !payload.hasNonNull(field) ? null : payload.get(field).asText();
    }
}
