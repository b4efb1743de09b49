package io.coxswain.streams.rules.trac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed YAML/JSON value that remembers the line it started on, so load errors can point at it. */
sealed interface Node {
    int line();

    /** A description of the node's type for "wrong type" messages. */
    String typeName();

    /** The plain Java value: Map, List, String, Long/Double/BigInteger, Boolean or null. */
    Object toPlain();

    record Mapping(Map<String, Node> fields, int line) implements Node {
        public Mapping {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public String typeName() {
            return "mapping";
        }

        @Override
        public Object toPlain() {
            Map<String, Object> plain = new LinkedHashMap<>();
            fields.forEach((key, value) -> plain.put(key, value.toPlain()));
            return java.util.Collections.unmodifiableMap(plain);
        }
    }

    record Sequence(List<Node> items, int line) implements Node {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String typeName() {
            return "list";
        }

        @Override
        public Object toPlain() {
            List<Object> plain = new ArrayList<>();
            items.forEach(item -> plain.add(item.toPlain()));
            return java.util.Collections.unmodifiableList(plain);
        }
    }

    /** A scalar; {@code value} is String, Long, Double, BigInteger, Boolean or null. */
    record Scalar(Object value, int line) implements Node {
        @Override
        public String typeName() {
            if (value == null) {
                return "null";
            }
            if (value instanceof String) {
                return "string";
            }
            if (value instanceof Boolean) {
                return "boolean";
            }
            return value instanceof Double ? "float" : "integer";
        }

        @Override
        public Object toPlain() {
            return value;
        }
    }
}
