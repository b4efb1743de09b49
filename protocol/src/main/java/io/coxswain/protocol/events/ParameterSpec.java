package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A live parameter a run declares: its type, bounds and current value.
 *
 * @param name        e.g. {@code learning_rate}
 * @param type        {@code float} or {@code int}
 * @param min         lowest accepted value, inclusive, or null
 * @param max         highest accepted value, inclusive, or null
 * @param minExclusive true when {@code min} itself is not accepted (e.g. a learning rate must be above 0)
 * @param value       current value
 * @param description what the parameter means and how a change takes effect
 */
public record ParameterSpec(@JsonProperty(required = true) String name, @JsonProperty(required = true) String type,
                            Double min, Double max, boolean minExclusive,
                            @JsonProperty(required = true) JsonNode value,
                            String description) {
}
