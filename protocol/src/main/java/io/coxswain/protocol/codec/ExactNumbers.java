package io.coxswain.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Commands are read with floating-point numbers as decimals, so that a value a double cannot hold (1e400, 1e-400,
 * 16.000000000000001) is judged as it was sent rather than as its rounding (Infinity, 0.0, 16). Every other decimal
 * becomes the double it reads as, so the tree looks as if read the usual way.
 */
final class ExactNumbers {
    private ExactNumbers() {
    }

    /** Replaces, in place, each decimal that a double holds exactly (by its shortest text) with that double. */
    static JsonNode normalize(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                field.setValue(normalize(field.getValue()));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, normalize(array.get(i)));
            }
            return array;
        }
        if (node != null && node.isBigDecimal()) {
            BigDecimal exact = node.decimalValue();
            double rounded = exact.doubleValue();
            if (Double.isFinite(rounded) && new BigDecimal(Double.toString(rounded)).compareTo(exact) == 0) {
                return DoubleNode.valueOf(rounded);
            }
        }
        return node;
    }
}
