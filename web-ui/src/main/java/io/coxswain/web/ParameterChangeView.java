package io.coxswain.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.ledger.query.ParameterChangeRow;
import java.time.Instant;

/** One applied parameter change: what, at which step, by which command, from whom and why. */
public record ParameterChangeView(long step, String param, JsonNode oldValue, JsonNode newValue, String commandId,
                                  String sourceKind, String author, String rule, JsonNode evidence, String reason,
                                  Instant changedAt) {

    public static ParameterChangeView from(ParameterChangeRow row) {
        return new ParameterChangeView(row.step(), row.param(), row.oldValue(), row.newValue(), row.commandId(),
                row.sourceKind() == null ? null : row.sourceKind().wire(), row.author(), row.rule(), row.evidence(),
                row.reason(), row.changedAt());
    }
}
