package io.coxswain.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.coxswain.protocol.events.ParameterSpec;
import java.util.Optional;

/**
 * An integer parameter within {@code min} and {@code max}, both inclusive. A JSON number with a fraction (2.5) is
 * rejected; an integral-valued one written as {@code 5.0} is accepted as 5. Strings are never accepted.
 */
public record IntParameter(String name, int min, int max, String description) implements LiveParameter {

    @Override
    public Optional<String> problemWith(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return Optional.of(name + " must be an integer, got " + LiveParameter.describe(value));
        }
        double v = value.doubleValue();
        boolean integral = value.isBigDecimal() ? value.decimalValue().stripTrailingZeros().scale() <= 0
                : v == Math.rint(v);
        if (!Double.isFinite(v) || !integral) {
            return Optional.of(name + " must be an integer, got " + LiveParameter.describe(value));
        }
        if (v < min || v > max) {
            return Optional.of(name + " must be an integer " + bounds() + ", got " + LiveParameter.describe(value));
        }
        return Optional.empty();
    }

    /** The accepted range in words, e.g. {@code >= 1}. */
    public String bounds() {
        return max == Integer.MAX_VALUE ? ">= " + min : ">= " + min + " and <= " + max;
    }

    @Override
    public JsonNode normalize(JsonNode value) {
        return IntNode.valueOf((int) value.doubleValue());
    }

    @Override
    public ParameterSpec spec(JsonNode current) {
        return new ParameterSpec(name, "int", (double) min, max == Integer.MAX_VALUE ? null : (double) max, false,
                current, description);
    }
}
