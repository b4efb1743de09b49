package io.coxswain.agent.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.codec.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The batch size of each step as a function of the steps already taken. Sizes saturate at
 * {@link Integer#MAX_VALUE} rather than overflow; whether a size suits the run (e.g. fits the training set) is for
 * the caller to check. JSON form (see {@link #parse} and {@link #toJson}):
 * <ul>
 *     <li>{@code {"type":"constant","size":32}}</li>
 *     <li>{@code {"type":"step","start":32,"every":100,"increment":16,"max":512}}: every N steps +k, capped</li>
 *     <li>{@code {"type":"linear","start":32,"end":256,"steps":1000}}: a rounded ramp, constant after</li>
 *     <li>{@code {"type":"milestones","start":32,"milestones":[100,300],"factor":2,"scale_learning_rate":true}}:
 *     AdaBatch-style, times {@code factor} at each milestone ({@code factor} defaults to 2,
 *     {@code scale_learning_rate} to false)</li>
 * </ul>
 */
public sealed interface BatchSizeSchedule {
    List<String> TYPES = List.of("constant", "step", "linear", "milestones");

    /** The batch size of the step taken after {@code step} steps, at least 1 and at most Integer.MAX_VALUE. */
    int sizeAt(long step);

    /** The factor on the learning rate at {@code step}: 1.0 unless the schedule scales the rate with the size. */
    default double learningRateScale(long step) {
        Checks.stepNotNegative(step);
        return 1.0;
    }

    /** The JSON form, which {@link #parse} reads back into an equal schedule. */
    ObjectNode toJson();

    /**
     * Reads the JSON form, or lists every problem, each naming its field as {@code prefix.field}.
     *
     * @param prefix e.g. {@code batch_size_schedule}; empty for bare field names
     */
    static Parsed<BatchSizeSchedule> parse(JsonNode node, String prefix) {
        return BatchSizeScheduleReader.read(node, prefix);
    }

    /** One size for every step. */
    record Constant(int size) implements BatchSizeSchedule {
        public Constant {
            Checks.require(problems("", size));
        }

        static List<String> problems(String prefix, Integer size) {
            List<String> problems = new ArrayList<>();
            Checks.atLeast(problems, prefix, "size", size, 1);
            return problems;
        }

        @Override
        public int sizeAt(long step) {
            Checks.stepNotNegative(step);
            return size;
        }

        @Override
        public ObjectNode toJson() {
            return Json.mapper().createObjectNode().put("type", "constant").put("size", size);
        }
    }

    /** {@code start}, plus {@code increment} every {@code every} steps, capped at {@code max}. */
    record Stepwise(int start, long every, int increment, int max) implements BatchSizeSchedule {
        public Stepwise {
            Checks.require(problems("", start, every, increment, max));
        }

        static List<String> problems(String prefix, Integer start, Long every, Integer increment, Integer max) {
            List<String> problems = new ArrayList<>();
            Checks.atLeast(problems, prefix, "start", start, 1);
            Checks.atLeast(problems, prefix, "every", every, 1);
            Checks.atLeast(problems, prefix, "increment", increment, 1);
            if (start != null && max != null && max < start) {
                problems.add(Checks.field(prefix, "max") + " must be >= start (" + start + "), got " + max);
            }
            return problems;
        }

        @Override
        public int sizeAt(long step) {
            Checks.stepNotNegative(step);
            long increments = step / every;
            if (increments >= max) {
                return max; // increment >= 1, so this many increments pass any int cap
            }
            return (int) Math.min(max, start + increments * increment);
        }

        @Override
        public ObjectNode toJson() {
            return Json.mapper().createObjectNode().put("type", "step").put("start", start).put("every", every)
                    .put("increment", increment).put("max", max);
        }
    }

    /** From {@code start} to {@code end} in a straight line over {@code steps} steps (rounded), then constant. */
    record Linear(int start, int end, long steps) implements BatchSizeSchedule {
        public Linear {
            Checks.require(problems("", start, end, steps));
        }

        static List<String> problems(String prefix, Integer start, Integer end, Long steps) {
            List<String> problems = new ArrayList<>();
            Checks.atLeast(problems, prefix, "start", start, 1);
            Checks.atLeast(problems, prefix, "end", end, 1);
            Checks.atLeast(problems, prefix, "steps", steps, 1);
            return problems;
        }

        @Override
        public int sizeAt(long step) {
            Checks.stepNotNegative(step);
            if (step >= steps) {
                return end;
            }
            long size = start + Math.round((double) ((long) end - start) * step / steps);
            return (int) Math.max(Math.min(start, end), Math.min(Math.max(start, end), size));
        }

        @Override
        public ObjectNode toJson() {
            return Json.mapper().createObjectNode().put("type", "linear").put("start", start).put("end", end)
                    .put("steps", steps);
        }
    }

    /**
     * AdaBatch-style: {@code start}, multiplied by {@code factor} once the run has taken each milestone's number of
     * steps. With {@code scaleLearningRate} the learning rate follows the size (the linear scaling rule).
     */
    record Milestones(int start, List<Long> steps, int factor, boolean scaleLearningRate)
            implements BatchSizeSchedule {
        public static final int DEFAULT_FACTOR = 2;

        public Milestones {
            if (steps == null || steps.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("milestones must be a list of steps, got " + steps);
            }
            Checks.require(problems("", start, steps, factor));
            steps = List.copyOf(steps);
        }

        static List<String> problems(String prefix, Integer start, List<Long> steps, Integer factor) {
            List<String> problems = new ArrayList<>();
            Checks.atLeast(problems, prefix, "start", start, 1);
            Checks.atLeast(problems, prefix, "factor", factor, 2);
            if (steps == null) {
                return problems; // unreadable: the reader has reported it
            }
            Long before = null;
            for (int i = 0; i < steps.size(); i++) {
                String field = Checks.field(prefix, "milestones") + "[" + i + "]";
                Long step = steps.get(i);
                if (step == null) {
                    continue; // unreadable: the reader has reported it
                }
                if (step < 1) {
                    problems.add(field + " must be >= 1, got " + step);
                } else if (before != null && step <= before) {
                    problems.add(field + " must be greater than the milestone before it (" + before + "), got "
                            + step);
                }
                before = step;
            }
            return problems;
        }

        @Override
        public int sizeAt(long step) {
            Checks.stepNotNegative(step);
            long size = start;
            for (int i = 0; i < steps.size() && steps.get(i) <= step && size < Integer.MAX_VALUE; i++) {
                size = Math.min(Integer.MAX_VALUE, size * factor);
            }
            return (int) size;
        }

        @Override
        public double learningRateScale(long step) {
            return scaleLearningRate ? (double) sizeAt(step) / start : BatchSizeSchedule.super.learningRateScale(step);
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = Json.mapper().createObjectNode().put("type", "milestones").put("start", start);
            steps.forEach(json.putArray("milestones")::add);
            return json.put("factor", factor).put("scale_learning_rate", scaleLearningRate);
        }
    }
}
