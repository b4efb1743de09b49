package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A detailed snapshot of the run's state, published by the {@code log} trigger: live parameter values, sampler
 * position, progress, timing. {@code commandId} names the command that asked for it.
 */
public record StateLogged(@JsonProperty(required = true) String commandId,
                          @JsonProperty(required = true) JsonNode state) implements RunEvent {
}
