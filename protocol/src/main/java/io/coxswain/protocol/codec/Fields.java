package io.coxswain.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;

/** Field checks shared by the codecs; each returns null when the field is fine, else what is wrong with it. */
final class Fields {
    private Fields() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    /** What is wrong with a required text field of an action, as {@code at: ...}, or null when it is fine. */
    static String actionTextProblem(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return at + ": missing '" + field + "'";
        }
        if (!value.isTextual()) {
            return at + ": '" + field + "' must be a string, got " + value.getNodeType().name().toLowerCase();
        }
        return value.asText().isBlank() ? at + ": '" + field + "' must not be empty" : null;
    }

    static String requireText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "missing field '" + field + "'";
        }
        if (!value.isTextual()) {
            return "field '" + field + "' must be a string, got " + value.getNodeType().name().toLowerCase();
        }
        return value.asText().isBlank() ? "field '" + field + "' must not be empty" : null;
    }

    static String requireLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "missing field '" + field + "'";
        }
        return value.canConvertToLong() && value.isIntegralNumber() ? null
                : "field '" + field + "' must be an integer, got " + value;
    }

    static String requireVersion(JsonNode node, int version) {
        JsonNode v = node.get("v");
        if (v == null) {
            return "missing field 'v' (protocol version, " + version + ")";
        }
        return v.isInt() && v.asInt() == version ? null
                : "unsupported protocol version v=" + v + " (this build reads v=" + version + ")";
    }

    static String firstProblem(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}
