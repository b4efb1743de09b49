package io.coxswain.agent.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.schedule.ControlSchedule;
import io.coxswain.protocol.schedule.ScheduleOrigin;

/**
 * The schedule a run follows besides its live commands, and how it follows it. Each entry is applied as a command of
 * source kind {@code replay} from {@code author}, at its step, before the live commands that arrived then.
 *
 * @param schedule     the entries
 * @param author       the author of those commands: {@code replay:<run>} for a replay, {@code schedule:<file>} for
 *                     {@code cox train --schedule}
 * @param refusesRules true for a replay: commands from rules are rejected (the original's rule commands are in the
 *                     schedule; the rules running now would steer it a second time); people's commands still apply
 */
public record ScheduledChanges(ControlSchedule schedule, String author, boolean refusesRules) {
    public static final ScheduledChanges NONE = new ScheduledChanges(ControlSchedule.empty(), "none", false);

    public ScheduledChanges {
        if (schedule == null || author == null || author.isBlank()) {
            throw new IllegalArgumentException("scheduled changes need a schedule and an author");
        }
    }

    /** A replay of run {@code original}: author {@code replay:<original>}, rules refused. */
    public static ScheduledChanges replayOf(String original, ControlSchedule schedule) {
        return new ScheduledChanges(schedule, "replay:" + original, true);
    }

    /** A schedule file applied to a new run: author {@code schedule:<file name>}, rules obeyed. */
    public static ScheduledChanges fromFile(String fileName, ControlSchedule schedule) {
        return new ScheduledChanges(schedule, "schedule:" + fileName, false);
    }

    /** True when following this changes nothing: no entries, rules obeyed (a checkpoint then keeps nothing). */
    public boolean changesNothing() {
        return schedule.isEmpty() && !refusesRules;
    }

    /** The source of the command that applies entry {@code index}: what it repeats goes in the evidence. */
    public CommandSource sourceOf(int index) {
        ObjectNode evidence = Json.mapper().createObjectNode().put("entry", index);
        if (schedule.fromRun() != null) {
            evidence.put("fromRun", schedule.fromRun());
        }
        ScheduleOrigin origin = schedule.entries().get(index).origin();
        if (origin != null) {
            ObjectNode original = evidence.putObject("original");
            putIfSet(original, "commandId", origin.commandId());
            putIfSet(original, "kind", origin.kind() == null ? null : origin.kind().wire());
            putIfSet(original, "author", origin.author());
            putIfSet(original, "rule", origin.rule());
        }
        return new CommandSource(SourceKind.REPLAY, author, null, evidence);
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    /** The form a checkpoint keeps, so that a resumed run follows the rest of its schedule. */
    public JsonNode toJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("author", author).put("refusesRules", refusesRules);
        node.set("schedule", ScheduleYaml.toTree(schedule));
        return node;
    }

    /** Reads {@link #toJson()}; null or a missing node is {@link #NONE} (a checkpoint of a run without one). */
    public static ScheduledChanges fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NONE;
        }
        return new ScheduledChanges(ScheduleYaml.fromTree(node.get("schedule"), "in the checkpoint"),
                node.path("author").asText(), node.path("refusesRules").asBoolean());
    }
}
