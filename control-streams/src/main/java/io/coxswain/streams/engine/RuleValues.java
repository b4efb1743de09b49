package io.coxswain.streams.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between rule values (Long, Double, Boolean, String, null, List, Map) and JSON. */
public final class RuleValues {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RuleValues() {
    }

    /** The rule value of a JSON value: integral numbers as Long, other numbers as Double. */
    public static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(fromJson(item)));
            return Collections.unmodifiableList(items);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> fields.put(field.getKey(), fromJson(field.getValue())));
        return Collections.unmodifiableMap(fields);
    }

    /** The dict of a name-to-JSON map. */
    public static Map<String, Object> fromJson(Map<String, JsonNode> values) {
        Map<String, Object> fields = new LinkedHashMap<>();
        values.forEach((name, value) -> fields.put(name, fromJson(value)));
        return Collections.unmodifiableMap(fields);
    }

    /** The JSON of a rule value. */
    public static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Double || value instanceof Float) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof Number n) {
            return NODES.numberNode(n.longValue());
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            list.forEach(item -> array.add(toJson(item)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), toJson(item)));
            return object;
        }
        throw new IllegalArgumentException("not a rule value: " + value.getClass().getSimpleName());
    }

    /**
     * The value a {@code set} expression gave, as the command's parameter value: a number, boolean or string.
     *
     * @throws IllegalArgumentException for None, lists, dicts and non-finite numbers, naming the parameter
     */
    static JsonNode toParameterJson(String param, Object value) {
        boolean scalar = value instanceof Number || value instanceof Boolean || value instanceof String;
        if (!scalar) {
            throw new IllegalArgumentException("set " + param + ": the expression gave "
                    + io.coxswain.streams.rules.expr.Rules.repr(value) + ", not a number, boolean or string");
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            throw new IllegalArgumentException("set " + param + ": the expression gave " + d + ", not a finite number");
        }
        return toJson(value);
    }
}
