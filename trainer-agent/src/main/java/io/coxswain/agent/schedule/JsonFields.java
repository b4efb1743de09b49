package io.coxswain.agent.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the fields of one JSON object, adding a problem naming {@code prefix.field} for each field that is missing
 * or of the wrong JSON type, and for each key that is not a known field. A getter returns null when it added a
 * problem.
 */
final class JsonFields {
    private final JsonNode node;
    private final String prefix;
    private final List<String> problems;

    JsonFields(JsonNode node, String prefix, List<String> problems) {
        this.node = node;
        this.prefix = prefix;
        this.problems = problems;
    }

    void onlyKnown(String what, List<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(Checks.field(prefix, name) + " is not a setting of " + what + " (known: "
                        + String.join(", ", known) + ")");
            }
        }
    }

    Integer integer(String name, Integer fallback) {
        Long value = whole(node.get(name), Checks.field(prefix, name), fallback, Integer.MAX_VALUE);
        return value == null ? null : value.intValue();
    }

    Long longInteger(String name, Long fallback) {
        return whole(node.get(name), Checks.field(prefix, name), fallback, Long.MAX_VALUE);
    }

    Boolean bool(String name, Boolean fallback) {
        JsonNode value = node.get(name);
        if (value == null) {
            return required(name, fallback);
        }
        if (!value.isBoolean()) {
            problems.add(Checks.field(prefix, name) + " must be true or false, got " + value);
            return null;
        }
        return value.booleanValue();
    }

    Double number(String name, Double fallback) {
        JsonNode value = node.get(name);
        if (value == null) {
            return required(name, fallback);
        }
        if (!value.isNumber()) {
            problems.add(Checks.field(prefix, name) + " must be a number, got " + value);
            return null;
        }
        return value.doubleValue();
    }

    String text(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return required(name, null);
        }
        if (!value.isTextual()) {
            problems.add(Checks.field(prefix, name) + " must be a string, got " + value);
            return null;
        }
        return value.textValue();
    }

    /** A required array of whole numbers; an element that is not one is named in a problem and read as null. */
    List<Long> longIntegers(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return required(name, null);
        }
        if (!value.isArray()) {
            problems.add(Checks.field(prefix, name) + " must be an array of integers, got " + value);
            return null;
        }
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            values.add(whole(value.get(i), Checks.field(prefix, name) + "[" + i + "]", null, Long.MAX_VALUE));
        }
        return values;
    }

    private <T> T required(String name, T fallback) {
        if (fallback == null) {
            problems.add(Checks.field(prefix, name) + " is required");
        }
        return fallback;
    }

    private Long whole(JsonNode value, String field, Number fallback, long max) {
        if (value == null) {
            if (fallback == null) {
                problems.add(field + " is required");
                return null;
            }
            return fallback.longValue();
        }
        if (!value.isIntegralNumber()) {
            problems.add(field + " must be an integer, got " + value);
            return null;
        }
        if (!value.canConvertToLong() || value.longValue() > max || value.longValue() < -max - 1) {
            problems.add(field + " must be an integer in [" + (-max - 1) + ", " + max + "], got " + value);
            return null;
        }
        return value.longValue();
    }
}
