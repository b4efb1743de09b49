package io.coxswain.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.protocol.events.ParameterSpec;
import java.util.Optional;

/**
 * A finite floating-point parameter within {@code min} (exclusive when {@code minExclusive}) and {@code max}
 * (inclusive). Integral JSON numbers such as {@code 1} are numbers and accepted; strings are not.
 */
public record FloatParameter(String name, double min, boolean minExclusive, double max, String description)
        implements LiveParameter {

    @Override
    public Optional<String> problemWith(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return Optional.of(name + " must be a number, got " + LiveParameter.describe(value));
        }
        double v = value.doubleValue();
        if (!Double.isFinite(v)) {
            return Optional.of(name + " must be a finite number, got " + LiveParameter.describe(value));
        }
        boolean belowMin = minExclusive ? v <= min : v < min;
        if (belowMin || v > max) {
            return Optional.of(name + " must be " + bounds() + ", got " + LiveParameter.describe(value));
        }
        return Optional.empty();
    }

    /** The accepted range in words, e.g. {@code > 0 and <= 10}. */
    public String bounds() {
        return (minExclusive ? "> " : ">= ") + Numbers.plain(min) + " and <= " + Numbers.plain(max);
    }

    @Override
    public JsonNode normalize(JsonNode value) {
        return DoubleNode.valueOf(value.doubleValue());
    }

    @Override
    public ParameterSpec spec(JsonNode current) {
        return new ParameterSpec(name, "float", min, max, minExclusive, current, description);
    }
}
