package io.coxswain.ledger.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * What PostgreSQL refuses although the codecs accept it: a NUL character in text or jsonb, and times outside the
 * years 1 to 9999. A record with either is quarantined, so one bad record can never block its partition.
 */
final class StorableJson {
    private static final char NUL = '\u0000';
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private StorableJson() {
    }

    /** @return why the payload cannot be stored, or null when it can */
    static String problem(JsonNode payload, Instant time) {
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            return "time " + time + " is outside the years 1 to 9999";
        }
        String where = nulIn(payload, "");
        return where == null ? null : "field '" + where + "' holds a NUL character, which PostgreSQL cannot store";
    }

    /** Text safe for a PostgreSQL text column: NUL characters become U+FFFD. */
    static String clean(String text) {
        return text == null ? null : text.replace(NUL, '\uFFFD');
    }

    private static String nulIn(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.textValue().indexOf(NUL) >= 0 ? path : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = nulIn(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getKey().indexOf(NUL) >= 0) {
                    return clean(at);
                }
                String found = nulIn(field.getValue(), at);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
