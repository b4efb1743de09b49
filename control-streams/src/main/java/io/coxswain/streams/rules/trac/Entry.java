package io.coxswain.streams.rules.trac;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** One mapping of the file (a metric, operation or controller) with typed field access that fails with context. */
record Entry(String source, String subject, Node.Mapping node) {

    static Entry of(String source, String kind, Node node, int index) {
        String where = kind + " #" + (index + 1);
        if (!(node instanceof Node.Mapping mapping)) {
            throw new RuleSetLoadException(source, where, "", node.line(), "must be a mapping, got " + node.typeName());
        }
        Entry unnamed = new Entry(source, where, mapping);
        String name = unnamed.requiredString("name");
        return new Entry(source, kind + " '" + name + "'", mapping);
    }

    RuleSetLoadException error(String field, String problem) {
        Node value = node.fields().get(field);
        return new RuleSetLoadException(source, subject, field, value == null ? node.line() : value.line(), problem);
    }

    void onlyFields(Set<String> known) {
        for (String field : node.fields().keySet()) {
            if (!known.contains(field)) {
                throw error(field, "unknown field; known: " + new TreeSet<>(known));
            }
        }
    }

    Optional<Node> optional(String field) {
        Node value = node.fields().get(field);
        return value instanceof Node.Scalar scalar && scalar.value() == null ? Optional.empty() : Optional.ofNullable(value);
    }

    Node required(String field) {
        return optional(field).orElseThrow(() -> error(field, "is required"));
    }

    String requiredString(String field) {
        Node value = required(field);
        if (value instanceof Node.Scalar scalar && scalar.value() instanceof String text && !text.isBlank()) {
            return text;
        }
        throw error(field, "must be a non-empty string, got " + value.typeName());
    }

    Map<String, Object> arguments() {
        Optional<Node> value = optional("arguments");
        if (value.isEmpty()) {
            return Map.of();
        }
        if (value.get() instanceof Node.Mapping mapping) {
            @SuppressWarnings("unchecked")
            Map<String, Object> plain = (Map<String, Object>) mapping.toPlain();
            return plain;
        }
        throw error("arguments", "must be a mapping, got " + value.get().typeName());
    }

    List<String> requiredStrings(String field) {
        Node value = required(field);
        if (!(value instanceof Node.Sequence sequence) || sequence.items().isEmpty()) {
            throw error(field, "must be a non-empty list, got " + value.typeName());
        }
        return sequence.items().stream().map(item -> {
            if (item instanceof Node.Scalar scalar && scalar.value() instanceof String text) {
                return text;
            }
            throw error(field, "items must be strings, got " + item.typeName());
        }).toList();
    }

    Entry nested(String field) {
        Node value = required(field);
        if (value instanceof Node.Mapping mapping) {
            return new Entry(source, subject, mapping);
        }
        throw error(field, "must be a mapping, got " + value.typeName());
    }
}
