package io.coxswain.protocol.events;

import io.coxswain.protocol.commands.CommandSource;

/** A one-shot trigger fired by the named command. */
public record TriggerFired(String commandId, String name, CommandSource source) implements RunEvent {
}
