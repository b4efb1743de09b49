package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coxswain.protocol.commands.CommandSource;

/** A command was refused as a whole; {@code reason} names the parameter and the violated rule. Nothing changed. */
public record CommandRejected(String commandId, @JsonProperty(required = true) String reason,
                              CommandSource source) implements CommandAnswer {
}
