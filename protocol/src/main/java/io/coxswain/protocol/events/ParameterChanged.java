package io.coxswain.protocol.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.commands.CommandSource;

/** A live parameter took a new value between two steps, by the named command. */
public record ParameterChanged(String commandId, String param, JsonNode oldValue, JsonNode newValue,
                               CommandSource source) implements RunEvent {
}
