package io.coxswain.agent.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.agent.control.Reasons;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.commands.Triggers;
import io.coxswain.protocol.schedule.ScheduleEntry;
import io.coxswain.protocol.schedule.ScheduleOrigin;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one entry of a schedule file: {@code {step, set: {param: value}, trigger: name or [names],
 * load_checkpoint: {path, from_run}, source: {command, kind, author, rule}}}. Checks the entry's form (every problem,
 * each prefixed with where the entry is); whether its parameters and values fit a run is {@link ScheduleCheck}'s part.
 */
final class ScheduleEntryReader {
    static final List<String> KEYS = List.of("step", "set", "trigger", "load_checkpoint", "source");
    private static final List<String> SOURCE_KEYS = List.of("command", "kind", "author", "rule");
    private static final List<String> LOAD_KEYS = List.of("path", "from_run");
    /** YAML 1.1 reads {@code 1e-3} (no dot) as a string; such a value is the number it spells. */
    private static final Pattern SCIENTIFIC = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)[eE][-+]?\\d+");

    private final String where;
    private final List<String> problems;

    private ScheduleEntryReader(String where, List<String> problems) {
        this.where = where;
        this.problems = problems;
    }

    /** The entry, or null after adding its problems. */
    static ScheduleEntry read(JsonNode node, String where, List<String> problems) {
        return new ScheduleEntryReader(where, problems).read(node);
    }

    private ScheduleEntry read(JsonNode node) {
        int before = problems.size();
        if (!node.isObject()) {
            problem("must be a mapping with step and set, trigger or load_checkpoint, got " + describe(node));
            return null;
        }
        unknownKeys(node, "", KEYS);
        Long step = step(node.get("step"));
        List<Action> actions = new ArrayList<>();
        set(node.get("set"), actions);
        triggers(node.get("trigger"), actions);
        load(node.get("load_checkpoint"), actions);
        ScheduleOrigin origin = origin(node.get("source"));
        if (!node.has("set") && !node.has("trigger") && !node.has("load_checkpoint")) {
            problem("needs set, trigger or load_checkpoint: an entry that does nothing is a mistake");
        }
        return problems.size() == before ? new ScheduleEntry(step, actions, origin) : null;
    }

    private Long step(JsonNode step) {
        if (step == null) {
            problem("step is required (the optimizer steps taken when the entry applies, 0 before the first)");
            return null;
        }
        if (!step.isIntegralNumber() || !step.canConvertToLong()) {
            problem("step must be a whole number >= 0, got " + describe(step));
            return null;
        }
        if (step.longValue() < 0) {
            problem("step must be >= 0 (the optimizer steps taken when the entry applies), got " + step.longValue());
            return null;
        }
        return step.longValue();
    }

    private void set(JsonNode set, List<Action> actions) {
        if (set == null) {
            return;
        }
        if (!set.isObject() || set.isEmpty()) {
            problem("set must be a mapping of live parameter to value, e.g. {learning_rate: 0.01}, got "
                    + describe(set));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isTextual() && SCIENTIFIC.matcher(value.textValue()).matches()) {
                value = DoubleNode.valueOf(Double.parseDouble(value.textValue()));
            }
            actions.add(new Action.SetParameter(field.getKey(), value));
        }
    }

    private void triggers(JsonNode trigger, List<Action> actions) {
        if (trigger == null) {
            return;
        }
        List<JsonNode> names = new ArrayList<>();
        if (trigger.isArray() && !trigger.isEmpty()) {
            trigger.forEach(names::add);
        } else if (trigger.isTextual()) {
            names.add(trigger);
        } else {
            problem("trigger must be a trigger name or a list of them (" + String.join(", ", Triggers.ALL)
                    + "), got " + describe(trigger));
            return;
        }
        for (JsonNode name : names) {
            if (!name.isTextual() || !Triggers.ALL.contains(name.textValue())) {
                problem("trigger: unknown trigger " + describe(name) + " (known: " + String.join(", ", Triggers.ALL)
                        + ")");
            } else {
                actions.add(new Action.FireTrigger(name.textValue()));
            }
        }
    }

    private void load(JsonNode load, List<Action> actions) {
        if (load == null) {
            return;
        }
        if (!load.isObject()) {
            problem("load_checkpoint must be a mapping {path: DIR, from_run: RUN}, got " + describe(load));
            return;
        }
        unknownKeys(load, "load_checkpoint.", LOAD_KEYS);
        String path = text(load, "load_checkpoint.", "path", true);
        String fromRun = text(load, "load_checkpoint.", "from_run", false);
        if (path != null) {
            actions.add(new Action.LoadCheckpoint(path, fromRun));
        }
    }

    private ScheduleOrigin origin(JsonNode source) {
        if (source == null || source.isNull()) {
            return null;
        }
        if (!source.isObject()) {
            problem("source must be a mapping {command, kind, author, rule}, got " + describe(source));
            return null;
        }
        unknownKeys(source, "source.", SOURCE_KEYS);
        String kindText = text(source, "source.", "kind", false);
        SourceKind kind = kindText == null ? null : SourceKind.fromWire(kindText).orElse(null);
        if (kindText != null && kind == null) {
            problem("source.kind must be user, rule or replay, got " + describe(source.get("kind")));
        }
        return new ScheduleOrigin(text(source, "source.", "command", false), kind,
                text(source, "source.", "author", false), text(source, "source.", "rule", false));
    }

    private String text(JsonNode node, String prefix, String key, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problem(prefix + key + " is required");
            }
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            problem(prefix + key + " must be a non-blank string, got " + describe(value));
            return null;
        }
        return value.textValue();
    }

    private void unknownKeys(JsonNode node, String prefix, List<String> known) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problem("unknown key '" + prefix + Reasons.shorten(name) + "' (known: " + String.join(", ", known)
                        + ")");
            }
        });
    }

    private void problem(String text) {
        problems.add(where + ": " + text);
    }

    static String describe(JsonNode value) {
        if (value == null || value.isNull()) {
            return "nothing";
        }
        return value.getNodeType().name().toLowerCase() + " " + Reasons.shorten(value.toString());
    }
}
