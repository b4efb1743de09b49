package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.commands.CommandSource;

/** A live parameter took a new value between two steps, by the named command. */
public record ParameterChanged(@JsonProperty(required = true) String commandId,
                               @JsonProperty(required = true) String param, JsonNode oldValue,
                               @JsonProperty(required = true) JsonNode newValue,
                               @JsonProperty(required = true) CommandSource source) implements CommandAnswer {
}
