package io.coxswain.ledger.projection;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A {@code parameter_changes} row from one ParameterChanged event; its reason is joined from the command. */
public record NewParameterChange(String eventId, String runId, long step, String param, JsonNode oldValue,
                                 JsonNode newValue, String commandId, String sourceKind, String author, String rule,
                                 JsonNode evidence, Instant changedAt) {
}
