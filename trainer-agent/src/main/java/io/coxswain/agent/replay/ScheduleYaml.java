package io.coxswain.agent.replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.schedule.ControlSchedule;
import io.coxswain.protocol.schedule.ScheduleEntry;
import io.coxswain.protocol.schedule.ScheduleOrigin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The file form of a {@link ControlSchedule}, YAML (or JSON, which YAML reads too):
 * <pre>
 * from_run: r-1                  # optional
 * entries:
 *   - step: 120
 *     set: {learning_rate: 0.003, weight_decay: 0.01}
 *     trigger: checkpoint        # or a list: [checkpoint, evaluate]
 *     source: {command: c-7, kind: user, author: alice}   # optional: the command it repeats
 *   - step: 300
 *     load_checkpoint: {path: /ckpt/r-2/step-000300, from_run: r-2}
 * </pre>
 * Reading checks the form and lists every problem, each naming the entry by its index and line; whether the
 * parameters and values fit a run is {@link ScheduleCheck}'s part.
 */
public final class ScheduleYaml {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());
    private static final List<String> KEYS = List.of("from_run", "entries");

    private ScheduleYaml() {
    }

    /** Reads a schedule file; throws {@link InvalidScheduleException} listing every problem. */
    public static LoadedSchedule read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidScheduleException(file.toString(), List.of("cannot read it: " + e.getMessage()));
        }
        return read(text, file.toString());
    }

    /** Reads schedule text; {@code name} names it in messages. */
    public static LoadedSchedule read(String text, String name) {
        List<JsonNode> entries = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        ObjectNode rest = Json.mapper().createObjectNode();
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidScheduleException(name, List.of("must be a mapping with an 'entries' list (and"
                        + " optionally from_run), got " + (first == null ? "an empty file" : "a " + kind(first))));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (key.equals("entries") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        lines.add(parser.currentTokenLocation().getLineNr());
                        entries.add(YAML.readTree(parser));
                    }
                    rest.putArray("entries");
                } else {
                    rest.set(key, YAML.readTree(parser));
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidScheduleException(name, List.of("not YAML: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new InvalidScheduleException(name, List.of("cannot read it: " + e.getMessage()));
        }
        return build(name, rest, entries, lines);
    }

    /** Reads the tree form ({@link #toTree}), e.g. from a checkpoint; entries are named by index and step. */
    public static ControlSchedule fromTree(JsonNode tree, String name) {
        if (tree == null || !tree.isObject()) {
            throw new InvalidScheduleException(name, List.of("must be a mapping with an 'entries' list"));
        }
        List<JsonNode> entries = new ArrayList<>();
        tree.path("entries").forEach(entries::add);
        ObjectNode rest = ((ObjectNode) tree).deepCopy();
        if (tree.path("entries").isArray()) {
            rest.putArray("entries");
        }
        return build(name, rest, entries, List.of()).schedule();
    }

    private static LoadedSchedule build(String name, ObjectNode rest, List<JsonNode> entries, List<Integer> lines) {
        List<String> problems = new ArrayList<>();
        rest.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                problems.add("unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        });
        if (!rest.has("entries")) {
            problems.add("entries is required: a list of {step, set, trigger, load_checkpoint}");
        } else if (!rest.get("entries").isArray()) {
            problems.add("entries must be a list, got " + ScheduleEntryReader.describe(rest.get("entries")));
        }
        JsonNode fromRun = rest.get("from_run");
        if (fromRun != null && !fromRun.isNull() && !fromRun.isTextual()) {
            problems.add("from_run must be a run id, got " + ScheduleEntryReader.describe(fromRun));
        }
        List<ScheduleEntry> read = new ArrayList<>();
        long previousStep = 0;
        for (int i = 0; i < entries.size(); i++) {
            String where = "entries[" + i + "] (" + (i < lines.size() ? "line " + lines.get(i) : "index " + i) + ")";
            JsonNode step = entries.get(i).path("step");
            if (step.isIntegralNumber() && step.canConvertToLong() && step.longValue() >= 0) {
                if (step.longValue() < previousStep) {
                    problems.add(where + ": step " + step.longValue() + " comes after step " + previousStep
                            + ": entries must be in step order");
                }
                previousStep = Math.max(previousStep, step.longValue());
            }
            ScheduleEntry entry = ScheduleEntryReader.read(entries.get(i), where, problems);
            if (entry != null) {
                read.add(entry);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidScheduleException(name, problems);
        }
        String from = fromRun == null || fromRun.isNull() ? null : fromRun.textValue();
        return new LoadedSchedule(name, new ControlSchedule(from, read), lines);
    }

    /** The YAML text of a schedule, which {@link #read(String, String)} reads back to the same schedule. */
    public static String write(ControlSchedule schedule) {
        try {
            return YAML.writeValueAsString(toTree(schedule));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a control schedule as YAML", e);
        }
    }

    /** The tree form: what {@link #write} writes, as JSON. */
    public static ObjectNode toTree(ControlSchedule schedule) {
        ObjectNode root = Json.mapper().createObjectNode();
        if (schedule.fromRun() != null) {
            root.put("from_run", schedule.fromRun());
        }
        ArrayNode entries = root.putArray("entries");
        schedule.entries().forEach(entry -> entries.add(entryTree(entry)));
        return root;
    }

    private static ObjectNode entryTree(ScheduleEntry entry) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("step", entry.step());
        List<String> triggers = new ArrayList<>();
        for (Action action : entry.actions()) {
            if (action instanceof Action.SetParameter set) {
                ObjectNode values = node.has("set") ? (ObjectNode) node.get("set") : node.putObject("set");
                values.set(set.param(), set.value());
            } else if (action instanceof Action.FireTrigger fire) {
                triggers.add(fire.name());
            } else if (action instanceof Action.LoadCheckpoint load) {
                ObjectNode loadNode = node.putObject("load_checkpoint").put("path", load.checkpoint());
                if (load.fromRun() != null) {
                    loadNode.put("from_run", load.fromRun());
                }
            }
        }
        if (triggers.size() == 1) {
            node.put("trigger", triggers.get(0));
        } else if (!triggers.isEmpty()) {
            triggers.forEach(node.putArray("trigger")::add);
        }
        ScheduleOrigin origin = entry.origin();
        if (origin != null) {
            ObjectNode source = node.putObject("source");
            putIfSet(source, "command", origin.commandId());
            putIfSet(source, "kind", origin.kind() == null ? null : origin.kind().wire());
            putIfSet(source, "author", origin.author());
            putIfSet(source, "rule", origin.rule());
        }
        return node;
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "list";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            default -> token.name().toLowerCase();
        };
    }
}
