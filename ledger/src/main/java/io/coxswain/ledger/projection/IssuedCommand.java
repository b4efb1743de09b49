package io.coxswain.ledger.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.ControlCommand;
import java.time.Instant;

/**
 * A command stored now: the issuing side of its {@code commands} row. The first delivery of an id describes it; a
 * redelivery only counts.
 *
 * @param issuedAt the command's issuedAt; null when it gave none (the row then takes its record's time)
 * @param actions  the actions as sent, a JSON array
 */
public record IssuedCommand(String commandId, String runId, Instant issuedAt, String sourceKind, String author,
                            String rule, JsonNode evidence, JsonNode actions, String reason) {

    static IssuedCommand of(ControlCommand command) {
        return new IssuedCommand(command.commandId(), command.runId(), command.issuedAt(),
                Sources.kind(command.source()), Sources.author(command.source()), Sources.rule(command.source()),
                Sources.evidence(command.source()), Json.mapper().valueToTree(command).get("actions"),
                command.reason());
    }
}
