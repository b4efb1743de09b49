package io.coxswain.tests;

import com.fasterxml.jackson.databind.node.TextNode;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.RunEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Malformed and hostile records for one run's control partition, as raw strings any Kafka client could send, each
 * with the answers the run's agent owes it (in order; none for a record that is not the run's). Built for one run id
 * and one neighbour run id whose records land on the same partition.
 */
final class HostileCommands {
    static final CommandSource USER_T = CommandSource.user("t");
    static final String LIVE = "learning_rate, batch_size, weight_decay, max_grad_norm, logging_steps, eval_steps,"
            + " save_steps, sample_loss_steps";
    static final String TRIGGERS = "checkpoint, evaluate, log, stop, epoch_stop, pause, resume";
    /** Fits under the control topic's default max.message.bytes (1048588) with its envelope. */
    static final int ONE_MB = 1_000_000;

    /**
     * One record to publish.
     *
     * @param key       the record key (null for none)
     * @param toRunPartition true to publish on the run's control partition whatever the key (for null keys)
     * @param answers   what the run's agent answers, in order
     */
    record Hostile(String name, String key, boolean toRunPartition, String value, List<RunEvent> answers) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final String runId;
    private final String neighbour;
    private final List<Hostile> cases = new ArrayList<>();

    private HostileCommands(String runId, String neighbour) {
        this.runId = runId;
        this.neighbour = neighbour;
    }

    /** Every hostile record for {@code runId}, in the order to send them. */
    static List<Hostile> forRun(String runId, String neighbour) {
        HostileCommands c = new HostileCommands(runId, neighbour);
        c.notCommands();
        c.envelopeFields();
        c.actionFields();
        c.values();
        c.names();
        c.halfValid();
        c.duplicatedKeys();
        c.idsAndRouting();
        c.large();
        c.repeats();
        return List.copyOf(c.cases);
    }

    /** Records that are not a JSON object at all: answered without a command id. */
    private void notCommands() {
        idless("plain text", "stop the run please", "not JSON: Unrecognized token 'stop': was expecting (JSON"
                + " String, Number (or 'NaN'/'+INF'/'-INF'), Array, Object or token 'null', 'true' or 'false')");
        idless("empty value", "", "a command must be a JSON object");
        idless("blank value", "  \n ", "a command must be a JSON object");
        idless("tombstone", null, "a command must be a JSON object");
        String valid = command("x-truncated", "[" + set("learning_rate", "0.5") + "]");
        idless("truncated JSON", valid.substring(0, valid.indexOf("learning_rate")),
                "not JSON: Unexpected end-of-input in VALUE_STRING");
        idless("JSON null", "null", "a command must be a JSON object");
        idless("JSON array", "[" + command("x-in-array", "[" + trigger("stop") + "]") + "]",
                "a command must be a JSON object");
        idless("JSON number", "42", "a command must be a JSON object");
        idless("JSON string", "\"stop\"", "a command must be a JSON object");
        idless("JSON boolean", "true", "a command must be a JSON object");
        idless("two objects in one record", command("x-first", "[" + trigger("stop") + "]")
                + command("x-second", "[" + trigger("stop") + "]"), "not JSON: Trailing token (of type START_OBJECT)"
                + " found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per"
                + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
        idless("single quotes", "{'v':1,'type':'ControlCommand','commandId':'x-quotes','runId':'" + runId
                + "','actions':[{'op':'trigger','name':'stop'}]}", "not JSON: Unexpected character (''' (code 39)):"
                + " was expecting double-quote to start field name");
        idless("comment", "/* stop */ " + command("x-comment", "[" + trigger("stop") + "]"), "not JSON: Unexpected"
                + " character ('/' (code 47)): maybe a (non-standard) comment? (not recognized as one since Feature"
                + " 'ALLOW_COMMENTS' not enabled for parser)");
        idless("nested 100000 deep", "[".repeat(100_000) + "]".repeat(100_000), "not JSON: Document nesting depth"
                + " (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)");
    }

    /** The envelope's fields missing or of the wrong type: answered with the command id when it is readable. */
    private void envelopeFields() {
        idless("empty object", "{}", "missing field 'v' (protocol version, 1)");
        unreadable("v as a string", withField("e-v-string", "v", "\"1\""), "e-v-string",
                "unsupported protocol version v=\"1\" (this build reads v=1)");
        unreadable("v 2", withField("e-v-2", "v", "2"), "e-v-2",
                "unsupported protocol version v=2 (this build reads v=1)");
        unreadable("v 1.0", withField("e-v-float", "v", "1.0"), "e-v-float",
                "unsupported protocol version v=1.0 (this build reads v=1)");
        unreadable("v missing", withField("e-no-v", "v", null), "e-no-v", "missing field 'v' (protocol version, 1)");
        unreadable("type of another message", withField("e-type", "type", q("SetParameter")), "e-type",
                "field 'type' must be 'ControlCommand', got \"SetParameter\"");
        idless("commandId missing", withField("x", "commandId", null), "missing field 'commandId'");
        idless("commandId empty", withField("x", "commandId", q("")), "field 'commandId' must not be empty");
        idless("commandId blank", withField("x", "commandId", q(" \t ")), "field 'commandId' must not be empty");
        idless("commandId a number", withField("x", "commandId", "123"),
                "field 'commandId' must be a string, got number");
        idless("commandId null", withField("x", "commandId", "null"), "missing field 'commandId'");
        idless("commandId an object", withField("x", "commandId", "{\"id\":\"x\"}"),
                "field 'commandId' must be a string, got object");
        unreadable("runId missing", withField("e-no-run", "runId", null), "e-no-run", "missing field 'runId'");
        unreadable("runId a number", withField("e-run-number", "runId", "7"), "e-run-number",
                "field 'runId' must be a string, got number");
        unreadable("issuedAt not an instant", withField("e-issued", "issuedAt", q("yesterday")), "e-issued",
                "field 'issuedAt' must be an ISO-8601 instant, got \"yesterday\"");
        unreadable("issuedAt epoch seconds", withField("e-issued-n", "issuedAt", "1732270000"), "e-issued-n",
                "field 'issuedAt' must be an ISO-8601 instant, got 1732270000");
        unreadable("source a string", withField("e-source", "source", q("user")), "e-source",
                "field 'source' must be an object");
        unreadable("source.kind a number", withField("e-kind-n", "source", "{\"kind\":5}"), "e-kind-n",
                "source.kind must be a string, one of user, rule, replay; got 5");
        unreadable("source.kind unknown", withField("e-kind", "source", "{\"kind\":\"admin\"}"), "e-kind",
                "source.kind 'admin' is not one of user, rule, replay");
        unreadable("source.evidence a string", withField("e-evidence", "source",
                "{\"kind\":\"rule\",\"evidence\":\"trust me\"}"), "e-evidence", "source.evidence must be an object");
        unreadable("reason a number", withField("e-reason", "reason", "5"), "e-reason",
                "field 'reason' must be a string");
        unreadable("actions missing", withField("e-no-actions", "actions", null), "e-no-actions",
                "missing field 'actions'");
        unreadable("actions null", withField("e-actions-null", "actions", "null"), "e-actions-null",
                "missing field 'actions'");
        unreadable("actions an object", withField("e-actions-obj", "actions", trigger("stop")), "e-actions-obj",
                "field 'actions' must be an array");
        unreadable("actions a string", withField("e-actions-str", "actions", q("stop")), "e-actions-str",
                "field 'actions' must be an array");
        unreadable("actions empty", withField("e-actions-empty", "actions", "[]"), "e-actions-empty",
                "field 'actions' is empty: a command needs at least one action");
    }

    /** Actions that are not a set or a trigger. */
    private void actionFields() {
        unreadable("action a string", command("a-string", "\"stop\""), "a-string", "actions[0] must be an object");
        unreadable("op missing", command("a-no-op", "{\"name\":\"stop\"}"), "a-no-op",
                "actions[0]: op is missing (expected set, trigger or load_checkpoint)");
        unreadable("op unknown", command("a-op", "{\"op\":\"delete\",\"param\":\"learning_rate\"}"), "a-op",
                "actions[0]: op 'delete' is unknown (expected set, trigger or load_checkpoint)");
        unreadable("op a number", command("a-op-n", "{\"op\":5,\"name\":\"stop\"}"), "a-op-n",
                "actions[0]: 'op' must be a string, got number (expected set, trigger or load_checkpoint)");
        unreadable("param missing", command("a-no-param", "{\"op\":\"set\",\"value\":0.1}"), "a-no-param",
                "actions[0]: missing 'param'");
        unreadable("param a number", command("a-param-n", "{\"op\":\"set\",\"param\":5,\"value\":0.1}"),
                "a-param-n", "actions[0]: 'param' must be a string, got number");
        unreadable("value missing", command("a-no-value", "{\"op\":\"set\",\"param\":\"learning_rate\"}"),
                "a-no-value", "actions[0]: missing 'value' for learning_rate");
        unreadable("trigger name missing", command("a-no-name", "{\"op\":\"trigger\"}"), "a-no-name",
                "actions[0]: missing 'name' of the trigger");
        unreadable("trigger name an object", command("a-name-obj", "{\"op\":\"trigger\",\"name\":{\"n\":\"stop\"}}"),
                "a-name-obj", "actions[0]: 'name' must be a string, got object");
        unreadable("second action bad", command("a-second", set("learning_rate", "0.01") + ",17"),
                "a-second", "actions[1] must be an object");
    }

    /** Values of the wrong type, not finite, huge or out of bounds. */
    private void values() {
        rejected("lr a string", "v-lr-string", set("learning_rate", "\"0.1\""),
                "learning_rate must be a number, got string \"0.1\"");
        rejected("lr a boolean", "v-lr-bool", set("learning_rate", "true"),
                "learning_rate must be a number, got boolean true");
        rejected("lr an object", "v-lr-obj", set("learning_rate", "{\"value\":0.1}"),
                "learning_rate must be a number, got object {\"value\":0.1}");
        rejected("lr an array", "v-lr-array", set("learning_rate", "[0.1]"),
                "learning_rate must be a number, got array [0.1]");
        rejected("lr null", "v-lr-null", set("learning_rate", "null"), "learning_rate must be a number, got null");
        rejected("lr NaN", "v-lr-nan", set("learning_rate", "NaN"), "learning_rate must be a finite number, got NaN");
        rejected("lr Infinity", "v-lr-inf", set("learning_rate", "Infinity"),
                "learning_rate must be a finite number, got Infinity");
        rejected("lr -Infinity", "v-lr-ninf", set("learning_rate", "-Infinity"),
                "learning_rate must be a finite number, got -Infinity");
        rejected("lr \"NaN\"", "v-lr-nan-s", set("learning_rate", "\"NaN\""),
                "learning_rate must be a number, got string \"NaN\"");
        rejected("lr \"Infinity\"", "v-lr-inf-s", set("learning_rate", "\"Infinity\""),
                "learning_rate must be a number, got string \"Infinity\"");
        rejected("lr 1e309", "v-lr-1e309", set("learning_rate", "1e309"),
                "learning_rate must be a finite number, got 1E+309");
        rejected("lr 1e400", "v-lr-1e400", set("learning_rate", "1e400"),
                "learning_rate must be a finite number, got 1E+400");
        rejected("lr -1e400", "v-lr-m1e400", set("learning_rate", "-1e400"),
                "learning_rate must be a finite number, got -1E+400");
        rejected("lr 0", "v-lr-0", set("learning_rate", "0"), "learning_rate must be > 0 and <= 10, got 0");
        rejected("lr negative", "v-lr-neg", set("learning_rate", "-0.001"),
                "learning_rate must be > 0 and <= 10, got -0.001");
        rejected("lr above 10", "v-lr-big", set("learning_rate", "10.000001"),
                "learning_rate must be > 0 and <= 10, got 10.000001");
        rejected("batch_size 99999999999999999999", "v-bs-huge", set("batch_size", "99999999999999999999"),
                "batch_size must be an integer >= 1 and <= 8000, got 99999999999999999999");
        rejected("batch_size negative", "v-bs-neg", set("batch_size", "-32"),
                "batch_size must be an integer >= 1 and <= 8000, got -32");
        rejected("batch_size 0", "v-bs-0", set("batch_size", "0"),
                "batch_size must be an integer >= 1 and <= 8000, got 0");
        rejected("batch_size 2.5", "v-bs-frac", set("batch_size", "2.5"), "batch_size must be an integer, got 2.5");
        rejected("batch_size a string", "v-bs-string", set("batch_size", "\"32\""),
                "batch_size must be an integer, got string \"32\"");
        rejected("batch_size NaN", "v-bs-nan", set("batch_size", "NaN"), "batch_size must be an integer, got NaN");
        rejected("batch_size larger than the data", "v-bs-8001", set("batch_size", "8001"),
                "batch_size must be an integer >= 1 and <= 8000, got 8001");
        rejected("eval_steps above int", "v-eval-big", set("eval_steps", "2147483648"),
                "eval_steps must be an integer >= 1, got 2147483648");
        rejected("logging_steps 0", "v-log-0", set("logging_steps", "0"), "logging_steps must be an integer >= 1, got 0");
        rejected("save_steps a boolean", "v-save-bool", set("save_steps", "false"),
                "save_steps must be an integer, got boolean false");
        rejected("sample_loss_steps negative", "v-sls-neg", set("sample_loss_steps", "-1"),
                "sample_loss_steps must be an integer >= 0, got -1");
        rejected("weight_decay above 1", "v-wd", set("weight_decay", "1.5"),
                "weight_decay must be >= 0 and <= 1, got 1.5");
        rejected("max_grad_norm negative", "v-mgn", set("max_grad_norm", "-1"),
                "max_grad_norm must be >= 0 and <= 1000000, got -1");
    }

    /** Parameters and triggers that do not exist, are fixed, or differ only in case or spacing. */
    private void names() {
        rejected("unknown parameter", "n-dropout", set("dropout", "0.1"),
                "unknown parameter 'dropout' (live parameters: " + LIVE + ")");
        rejected("parameter in another case", "n-case", set("Learning_Rate", "0.01"),
                "unknown parameter 'Learning_Rate' (live parameters: " + LIVE + ")");
        rejected("parameter with a trailing space", "n-space", set("learning_rate ", "0.01"),
                "unknown parameter 'learning_rate ' (live parameters: " + LIVE + ")");
        rejected("mixture weight of a single-source run", "n-mix", set("mix.blobs", "1"),
                "unknown parameter 'mix.blobs' (live parameters: " + LIVE + ")");
        rejected("fixed parameter seed", "n-seed", set("seed", "7"),
                "parameter 'seed' is fixed while the run trains (live parameters: " + LIVE + ")");
        rejected("fixed parameter max_steps", "n-max-steps", set("max_steps", "10"),
                "parameter 'max_steps' is fixed while the run trains (live parameters: " + LIVE + ")");
        rejected("unknown trigger", "n-explode", trigger("explode"),
                "unknown trigger 'explode' (supported: " + TRIGGERS + ")");
        rejected("trigger in upper case", "n-stop-upper", trigger("STOP"),
                "unknown trigger 'STOP' (supported: " + TRIGGERS + ")");
        rejected("trigger with a leading space", "n-stop-space", trigger(" stop"),
                "unknown trigger ' stop' (supported: " + TRIGGERS + ")");
    }

    /** A valid action beside an invalid one: nothing of the command is applied, no trigger fires. */
    private void halfValid() {
        rejected("valid lr with invalid weight_decay", "h-lr-wd", set("learning_rate", "0.01") + ","
                + set("weight_decay", "-1"), "weight_decay must be >= 0 and <= 1, got -1");
        rejected("valid lr with unknown trigger", "h-lr-trigger", set("learning_rate", "0.01") + ","
                + trigger("explode"), "unknown trigger 'explode' (supported: " + TRIGGERS + ")");
        rejected("stop with invalid lr", "h-stop-lr", trigger("stop") + "," + set("learning_rate", "\"0.01\""),
                "learning_rate must be a number, got string \"0.01\"");
        rejected("lr set twice", "h-lr-twice", set("learning_rate", "0.01") + "," + set("learning_rate", "0.02"),
                "learning_rate is set more than once in one command");
        rejected("three actions, two invalid", "h-three", set("learning_rate", "0.01") + ","
                + set("batch_size", "2.5") + "," + trigger("bogus"), "batch_size must be an integer, got 2.5;"
                + " unknown trigger 'bogus' (supported: " + TRIGGERS + ")");
    }

    /**
     * Duplicated keys: JSON leaves their meaning open (RFC 8259 4), and readers differ (first or last wins), so a
     * signing tool, a ledger and the agent could each see another command. Refused as not JSON.
     */
    private void duplicatedKeys() {
        idless("duplicated value key", command("d-value", "{\"op\":\"set\",\"param\":\"learning_rate\","
                + "\"value\":\"0.5\",\"value\":0.5}"), "not JSON: Duplicate field 'value'");
        idless("duplicated param key", command("d-param", "{\"op\":\"set\",\"param\":\"seed\","
                + "\"param\":\"learning_rate\",\"value\":0.5}"), "not JSON: Duplicate field 'param'");
        idless("duplicated commandId key", "{\"v\":1,\"commandId\":\"d-a\",\"commandId\":\"d-b\",\"runId\":"
                + q(runId) + ",\"actions\":[" + set("learning_rate", "0.5") + "]}", "not JSON: Duplicate field"
                + " 'commandId'");
    }

    /** Odd ids, bodies naming another run, records without a key, and other runs' records on the partition. */
    private void idsAndRouting() {
        String unicodeId = "i-\u0438\u0434-\u2713-\uD83D\uDE00";
        rejected("unicode command id", unicodeId, set("learning_rate", "\"x\""),
                "learning_rate must be a number, got string \"x\"");
        String controlId = "i-\u0000\u0007\n\t\u202E\u00AD-end";
        rejected("control characters in the command id", controlId, set("learning_rate", "\"x\""),
                "learning_rate must be a number, got string \"x\"");
        String lookalike = runId.replace('o', '\u043E');
        add("body names another run", runId, false, withField("i-other-run", "runId", q("someone-else")),
                List.of(new CommandRejected("i-other-run", "body runId 'someone-else' differs from the record key '"
                        + runId + "'", null)));
        add("body names a look-alike run id", runId, false, withField("i-lookalike", "runId", q(lookalike)),
                List.of(new CommandRejected("i-lookalike", "body runId '" + lookalike + "' differs from the record"
                        + " key '" + runId + "'", null)));
        add("no key, body names this run", null, true, command("i-no-key", trigger("stop")),
                List.of(new CommandRejected("i-no-key", "the record has no key: commands must be keyed by their"
                        + " run id ('" + runId + "')", null)));
        add("no key, garbage", null, true, "stop", List.of());
        add("no key, body names the neighbour", null, true, withField("i-no-key-other", "runId", q(neighbour)),
                List.of());
        add("neighbour's stop on the same partition", neighbour, false, withField("i-neighbour", "runId",
                q(neighbour)), List.of());
        add("neighbour's garbage on the same partition", neighbour, false, "}{", List.of());
    }

    /** Large records that still fit in the control topic. */
    private void large() {
        String reason = "r".repeat(ONE_MB);
        Map<String, String> fields = fields("l-reason");
        fields.put("actions", "[" + set("learning_rate", "0.001") + "]");
        fields.put("reason", q(reason));
        add("1 MB reason on a no-op", runId, false, render(fields),
                List.of(new CommandIgnored("l-reason", CommandIgnored.NO_OP)));
        idless("1 MB of garbage", garbage(ONE_MB, 1), "not JSON: Unrecognized token '" + garbage(ONE_MB, 1)
                .substring(0, 256) + "...': was expecting (JSON String, Number (or 'NaN'/'+INF'/'-INF'), Array,"
                + " Object or token 'null', 'true' or 'false')");
        rejected("value nested 990 deep", "l-nested", set("learning_rate", "[".repeat(990) + "]".repeat(990)),
                "learning_rate must be a number, got array " + "[".repeat(120) + "... (1980 characters)");
    }

    /** Commands that change nothing, and ids answered before. */
    private void repeats() {
        add("lr already in effect", runId, false, command("r-noop", set("learning_rate", "0.001")),
                List.of(new CommandIgnored("r-noop", CommandIgnored.NO_OP)));
        add("resume while running", runId, false, command("r-resume", trigger("resume")),
                List.of(new CommandIgnored("r-resume", CommandIgnored.NO_OP)));
        add("rejected id sent again, now valid", runId, false, command("v-lr-string", set("learning_rate", "0.5")),
                List.of(new CommandIgnored("v-lr-string", CommandIgnored.DUPLICATE)));
        add("no-op id sent again with a stop", runId, false, command("r-noop", trigger("stop")),
                List.of(new CommandIgnored("r-noop", CommandIgnored.DUPLICATE)));
    }

    /** Pseudo-random letters, the same for the same seed: garbage that is not JSON. */
    static String garbage(int length, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private void add(String name, String key, boolean toRunPartition, String value, List<RunEvent> answers) {
        cases.add(new Hostile(name, key, toRunPartition, value, answers));
    }

    private void idless(String name, String value, String reason) {
        add(name, runId, false, value, List.of(new CommandRejected(null, reason, null)));
    }

    private void unreadable(String name, String value, String commandId, String reason) {
        add(name, runId, false, value, List.of(new CommandRejected(commandId, reason, null)));
    }

    private void rejected(String name, String commandId, String actions, String reason) {
        add(name, runId, false, command(commandId, actions), List.of(new CommandRejected(commandId, reason, USER_T)));
    }

    /** A well-formed command of this run from user t with these actions (without the brackets). */
    String command(String commandId, String actions) {
        return withField(commandId, "actions", "[" + actions + "]");
    }

    static String commandFor(String runId, String commandId, String actions) {
        return new HostileCommands(runId, null).command(commandId, actions);
    }

    /** The fields of a well-formed command of this run stopping it, as raw JSON values, in wire order. */
    private Map<String, String> fields(String commandId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("v", "1");
        fields.put("type", q("ControlCommand"));
        fields.put("commandId", q(commandId));
        fields.put("runId", q(runId));
        fields.put("issuedAt", q("2026-11-22T10:00:00Z"));
        fields.put("source", "{\"kind\":\"user\",\"author\":\"t\"}");
        fields.put("actions", actionsStop());
        fields.put("reason", q("hostile corpus"));
        return fields;
    }

    /** A command of this run whose {@code field} has this raw JSON value, or is left out when it is null. */
    private String withField(String commandId, String field, String json) {
        Map<String, String> fields = fields(commandId);
        if (json == null) {
            fields.remove(field);
        } else {
            fields.put(field, json);
        }
        return render(fields);
    }

    private static String render(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append(q(name)).append(':')
                .append(value));
        return json.append('}').toString();
    }

    private static String actionsStop() {
        return "[" + trigger("stop") + "]";
    }

    static String set(String param, String valueJson) {
        return "{\"op\":\"set\",\"param\":" + q(param) + ",\"value\":" + valueJson + "}";
    }

    static String trigger(String name) {
        return "{\"op\":\"trigger\",\"name\":" + q(name) + "}";
    }

    /** A JSON string literal, escaped by Jackson. */
    static String q(String text) {
        return TextNode.valueOf(text).toString();
    }
}
