package io.coxswain.protocol.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.commands.SourceKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes control commands. Commands come from any client in any language, so decoding checks every field
 * and says exactly which one is wrong; the command id and run id are kept when readable so the agent can answer the
 * sender with a CommandRejected.
 */
public final class CommandCodec implements Codec<ControlCommand> {
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final ObjectReader EXACT = MAPPER.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Override
    public byte[] encode(ControlCommand command) {
        try {
            return MAPPER.writeValueAsBytes(command);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write command " + command.commandId(), e);
        }
    }

    public String encodeToString(ControlCommand command) {
        return new String(encode(command), StandardCharsets.UTF_8);
    }

    @Override
    public Decoded<ControlCommand> decode(byte[] bytes) {
        JsonNode node;
        try {
            node = ExactNumbers.normalize(EXACT.readTree(bytes == null ? new byte[0] : bytes));
        } catch (IOException e) {
            return Decoded.failure("not JSON: " + EventCodec.firstLine(e.getMessage()), null, null);
        }
        if (node == null || !node.isObject()) {
            return Decoded.failure("a command must be a JSON object", null, null);
        }
        String runId = Fields.text(node, "runId");
        String commandId = Fields.text(node, "commandId");
        String problem = Fields.firstProblem(
                Fields.requireVersion(node, ControlCommand.VERSION),
                checkType(node),
                Fields.requireText(node, "commandId"),
                Fields.requireText(node, "runId"),
                checkIssuedAt(node));
        if (problem != null) {
            return Decoded.failure(problem, runId, commandId);
        }
        List<String> problems = new ArrayList<>();
        CommandSource source = source(node.get("source"), problems);
        List<Action> actions = actions(node.get("actions"), problems);
        JsonNode reason = node.get("reason");
        if (reason != null && !reason.isNull() && !reason.isTextual()) {
            problems.add("field 'reason' must be a string");
        }
        if (!problems.isEmpty()) {
            return Decoded.failure(String.join("; ", problems), runId, commandId);
        }
        Instant issuedAt = node.hasNonNull("issuedAt") ? Instant.parse(node.get("issuedAt").asText()) : null;
        return Decoded.ok(new ControlCommand(commandId, runId, issuedAt, source, actions,
                reason == null || reason.isNull() ? null : reason.asText()));
    }

    private static String checkType(JsonNode node) {
        JsonNode type = node.get("type");
        if (type == null) {
            return null;
        }
        return ControlCommand.TYPE.equals(type.asText()) ? null
                : "field 'type' must be '" + ControlCommand.TYPE + "', got " + type;
    }

    private static String checkIssuedAt(JsonNode node) {
        JsonNode issuedAt = node.get("issuedAt");
        if (issuedAt == null || issuedAt.isNull()) {
            return null;
        }
        try {
            Instant.parse(issuedAt.asText());
            return null;
        } catch (DateTimeParseException e) {
            return "field 'issuedAt' must be an ISO-8601 instant, got " + issuedAt;
        }
    }

    private static CommandSource source(JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            return CommandSource.user("unknown");
        }
        if (!node.isObject()) {
            problems.add("field 'source' must be an object");
            return null;
        }
        JsonNode kindNode = node.get("kind");
        String kindText = Fields.text(node, "kind");
        SourceKind kind = kindText == null ? SourceKind.USER : SourceKind.fromWire(kindText).orElse(null);
        if (kindNode != null && !kindNode.isNull() && !kindNode.isTextual()) {
            kind = null;
            problems.add("source.kind must be a string, one of user, rule, replay; got " + kindNode);
        } else if (kind == null) {
            problems.add("source.kind '" + kindText + "' is not one of user, rule, replay");
        }
        JsonNode evidence = node.get("evidence");
        if (evidence != null && !evidence.isNull() && !evidence.isObject()) {
            problems.add("source.evidence must be an object");
        }
        return new CommandSource(kind, Fields.text(node, "author"), Fields.text(node, "rule"),
                evidence == null || evidence.isNull() ? null : evidence);
    }

    private static List<Action> actions(JsonNode node, List<String> problems) {
        if (node == null || node.isNull()) {
            problems.add("missing field 'actions'");
            return List.of();
        }
        if (!node.isArray()) {
            problems.add("field 'actions' must be an array");
            return List.of();
        }
        if (node.isEmpty()) {
            problems.add("field 'actions' is empty: a command needs at least one action");
        }
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Action action = action(node.get(i), "actions[" + i + "]", problems);
            if (action != null) {
                actions.add(action);
            }
        }
        return actions;
    }

    private static Action action(JsonNode node, String at, List<String> problems) {
        if (!node.isObject()) {
            problems.add(at + " must be an object");
            return null;
        }
        String op = Fields.text(node, "op");
        if ("set".equals(op)) {
            String param = Fields.text(node, "param");
            JsonNode value = node.get("value");
            if (param == null) {
                problems.add(node.hasNonNull("param") ? Fields.actionTextProblem(node, "param", at)
                        : at + ": missing 'param'");
            }
            if (value == null) {
                problems.add(at + ": missing 'value'" + (param == null ? "" : " for " + param));
            }
            return param == null || value == null ? null : new Action.SetParameter(param, value);
        }
        if ("trigger".equals(op)) {
            String name = Fields.text(node, "name");
            if (name == null) {
                problems.add(node.hasNonNull("name") ? Fields.actionTextProblem(node, "name", at)
                        : at + ": missing 'name' of the trigger");
                return null;
            }
            return new Action.FireTrigger(name);
        }
        if ("load_checkpoint".equals(op)) {
            String checkpoint = Fields.text(node, "checkpoint");
            if (checkpoint == null) {
                problems.add(node.hasNonNull("checkpoint") ? Fields.actionTextProblem(node, "checkpoint", at)
                        : at + ": missing 'checkpoint' to load");
                return null;
            }
            String fromRun = Fields.text(node, "fromRun");
            if (fromRun == null && node.hasNonNull("fromRun")) {
                problems.add(Fields.actionTextProblem(node, "fromRun", at));
                return null;
            }
            return new Action.LoadCheckpoint(checkpoint, fromRun);
        }
        String opProblem = op != null ? at + ": op '" + op + "' is unknown"
                : node.hasNonNull("op") ? Fields.actionTextProblem(node, "op", at) : at + ": op is missing";
        problems.add(opProblem + " (expected set, trigger or load_checkpoint)");
        return null;
    }
}
