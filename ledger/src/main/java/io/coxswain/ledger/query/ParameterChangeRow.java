package io.coxswain.ledger.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.commands.SourceKind;
import java.time.Instant;

/**
 * One live parameter change of a run: what changed, at which step, by which command, from whom and why.
 *
 * @param eventId    the ParameterChanged event
 * @param sourceKind user, rule or replay; null when the event did not say
 * @param rule       the rule that fired, for changes made by a rule
 * @param evidence   the values the rule saw, or null
 * @param reason     the command's reason, when the command is in the ledger and gave one
 * @param changedAt  when the run applied it
 */
public record ParameterChangeRow(String eventId, String runId, long step, String param, JsonNode oldValue,
                                 JsonNode newValue, String commandId, SourceKind sourceKind, String author,
                                 String rule, JsonNode evidence, String reason, Instant changedAt) {
}
