package io.coxswain.protocol.events;

/** An event that answers one control command: every command gets at least one, naming its id. */
public sealed interface CommandAnswer extends RunEvent permits ParameterChanged, TriggerFired, CommandRejected,
        CommandIgnored, CheckpointLoaded {

    /** The answered command's id; null only for a rejected command whose id could not be read. */
    String commandId();

    /** The command id an event answers, or null when the event answers no command. */
    static String commandIdOf(RunEvent event) {
        return event instanceof CommandAnswer answer ? answer.commandId() : null;
    }
}
