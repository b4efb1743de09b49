package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coxswain.protocol.commands.CommandSource;

/** A one-shot trigger fired by the named command. */
public record TriggerFired(@JsonProperty(required = true) String commandId, @JsonProperty(required = true) String name,
                           @JsonProperty(required = true) CommandSource source) implements CommandAnswer {
}
