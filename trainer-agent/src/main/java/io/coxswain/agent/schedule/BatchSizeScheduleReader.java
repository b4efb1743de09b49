package io.coxswain.agent.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON form of a {@link BatchSizeSchedule}, collecting every problem (unknown keys, missing fields, wrong
 * JSON types, values out of range) before building anything.
 */
final class BatchSizeScheduleReader {
    private BatchSizeScheduleReader() {
    }

    static Parsed<BatchSizeSchedule> read(JsonNode node, String prefix) {
        if (node == null || !node.isObject()) {
            String name = prefix == null || prefix.isEmpty() ? "a batch size schedule" : prefix;
            return Parsed.failed(List.of(name + " must be a JSON object with a \"type\" ("
                    + String.join(", ", BatchSizeSchedule.TYPES) + "), got " + node));
        }
        List<String> problems = new ArrayList<>();
        JsonFields fields = new JsonFields(node, prefix, problems);
        String type = fields.text("type");
        if (type == null) {
            return Parsed.failed(problems);
        }
        BatchSizeSchedule schedule = switch (type) {
            case "constant" -> constant(fields, prefix, problems);
            case "step" -> stepwise(fields, prefix, problems);
            case "linear" -> linear(fields, prefix, problems);
            case "milestones" -> milestones(fields, prefix, problems);
            default -> {
                problems.add(Checks.field(prefix, "type") + " must be one of " + String.join(", ",
                        BatchSizeSchedule.TYPES) + ", got \"" + type + "\"");
                yield null;
            }
        };
        return problems.isEmpty() ? Parsed.of(schedule) : Parsed.failed(problems);
    }

    private static BatchSizeSchedule constant(JsonFields fields, String prefix, List<String> problems) {
        fields.onlyKnown("a constant schedule", List.of("type", "size"));
        Integer size = fields.integer("size", null);
        problems.addAll(BatchSizeSchedule.Constant.problems(prefix, size));
        return problems.isEmpty() ? new BatchSizeSchedule.Constant(size) : null;
    }

    private static BatchSizeSchedule stepwise(JsonFields fields, String prefix, List<String> problems) {
        fields.onlyKnown("a step schedule", List.of("type", "start", "every", "increment", "max"));
        Integer start = fields.integer("start", null);
        Long every = fields.longInteger("every", null);
        Integer increment = fields.integer("increment", null);
        Integer max = fields.integer("max", null);
        problems.addAll(BatchSizeSchedule.Stepwise.problems(prefix, start, every, increment, max));
        return problems.isEmpty() ? new BatchSizeSchedule.Stepwise(start, every, increment, max) : null;
    }

    private static BatchSizeSchedule linear(JsonFields fields, String prefix, List<String> problems) {
        fields.onlyKnown("a linear schedule", List.of("type", "start", "end", "steps"));
        Integer start = fields.integer("start", null);
        Integer end = fields.integer("end", null);
        Long steps = fields.longInteger("steps", null);
        problems.addAll(BatchSizeSchedule.Linear.problems(prefix, start, end, steps));
        return problems.isEmpty() ? new BatchSizeSchedule.Linear(start, end, steps) : null;
    }

    private static BatchSizeSchedule milestones(JsonFields fields, String prefix, List<String> problems) {
        fields.onlyKnown("a milestones schedule", List.of("type", "start", "milestones", "factor",
                "scale_learning_rate"));
        Integer start = fields.integer("start", null);
        List<Long> steps = fields.longIntegers("milestones");
        Integer factor = fields.integer("factor", BatchSizeSchedule.Milestones.DEFAULT_FACTOR);
        Boolean scale = fields.bool("scale_learning_rate", false);
        problems.addAll(BatchSizeSchedule.Milestones.problems(prefix, start, steps, factor));
        return problems.isEmpty() ? new BatchSizeSchedule.Milestones(start, steps, factor, scale) : null;
    }
}
