package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A schedule (e.g. the batch-size schedule) produced a value the run cannot use; the run kept {@code kept} instead.
 * {@code reason} names the parameter and the violated bound.
 */
public record ScheduleRejected(@JsonProperty(required = true) String param, JsonNode value, JsonNode kept,
                               @JsonProperty(required = true) String reason) implements RunEvent {
}
