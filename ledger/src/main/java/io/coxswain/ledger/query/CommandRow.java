package io.coxswain.ledger.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.commands.SourceKind;
import java.time.Instant;

/**
 * One command sent to a run and how the run answered it.
 *
 * @param issuedAt      when it was issued; null while only its answer is in the ledger
 * @param actions       its actions as sent (a JSON array); null while only its answer is in the ledger
 * @param outcome       {@code pending} (no answer yet), {@code applied}, {@code rejected} or {@code ignored}
 * @param outcomeDetail the rejection's reason, or why it was ignored ({@code duplicate}, {@code no-op})
 * @param answeredStep  the run's step when it answered
 * @param latencyMs     from issue to answer, in milliseconds; null until both are known
 */
public record CommandRow(String commandId, String runId, Instant issuedAt, SourceKind sourceKind, String author,
                         String rule, JsonNode evidence, JsonNode actions, String reason, String outcome,
                         String outcomeDetail, Instant answeredAt, Long answeredStep, Double latencyMs) {
}
