package io.coxswain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.codec.CommandCodec;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.commands.SourceKind;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;

/**
 * The body of {@code POST /api/runs/{id}/commands}, {@code {"actions": [...], "reason": "..."}}, turned into a
 * {@link ControlCommand} from user {@value #AUTHOR} and checked by the protocol's own command codec, the same check
 * every agent makes. Pure.
 */
final class CommandRequest {
    static final String AUTHOR = "web";
    private static final Set<String> FIELDS = Set.of("actions", "reason");
    private static final CommandCodec CODEC = new CommandCodec();

    private CommandRequest() {
    }

    /** A valid command, or the problem naming the field. */
    sealed interface Parsed {
    }

    record Valid(ControlCommand command) implements Parsed {
    }

    record Invalid(String problem) implements Parsed {
    }

    static Parsed parse(String body, String runId, String commandId, Instant now) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(body == null ? "" : body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new Invalid("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new Invalid("the body cannot be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            return new Invalid("the body must be a JSON object with field 'actions' (and optionally 'reason')");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return new Invalid("unknown field '" + name + "' (expected 'actions' and optionally 'reason')");
            }
        }
        ObjectNode command = Json.mapper().createObjectNode();
        command.put("v", ControlCommand.VERSION);
        command.put("type", ControlCommand.TYPE);
        command.put("commandId", commandId);
        command.put("runId", runId);
        command.put("issuedAt", now.toString());
        command.putObject("source").put("kind", SourceKind.USER.wire()).put("author", AUTHOR);
        command.set("actions", node.get("actions"));
        command.set("reason", node.get("reason"));
        try {
            Decoded<ControlCommand> decoded = CODEC.decode(Json.mapper().writeValueAsBytes(command));
            if (decoded instanceof Decoded.Ok<ControlCommand> ok) {
                return new Valid(ok.value());
            }
            return new Invalid(((Decoded.Failure<ControlCommand>) decoded).reason());
        } catch (IOException e) {
            return new Invalid("the body cannot be written as a command: " + e.getMessage());
        }
    }
}
