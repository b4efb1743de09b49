package io.coxswain.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.events.ParameterSpec;
import java.util.Optional;

/**
 * A named, typed value a run lets commands change while it trains. Checking never coerces: a string is never a
 * number, NaN and infinities are never finite, 2.5 is never an integer.
 */
public sealed interface LiveParameter permits FloatParameter, IntParameter {

    String name();

    String description();

    /** What is wrong with {@code value} for this parameter (naming the parameter and the bound), if anything. */
    Optional<String> problemWith(JsonNode value);

    /** The value as it is stored and published once it passed {@link #problemWith}: a double or an int node. */
    JsonNode normalize(JsonNode value);

    /** The declaration a run publishes in RunStarted, with the value now in effect. */
    ParameterSpec spec(JsonNode current);

    /** The JSON type name of a node, for messages: {@code string "0.1"}, {@code boolean true}. */
    static String describe(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (value.isTextual()) {
            return "string " + Reasons.shorten(value.toString());
        }
        if (value.isNumber()) {
            return Reasons.shorten(value.isBigDecimal() ? value.decimalValue().toString() : value.asText());
        }
        return value.getNodeType().name().toLowerCase() + " " + Reasons.shorten(value.toString());
    }
}
