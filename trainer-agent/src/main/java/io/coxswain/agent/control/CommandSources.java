package io.coxswain.agent.control;

import io.coxswain.protocol.commands.CommandSource;

/** How a command's source reads in details and logs. */
final class CommandSources {
    private CommandSources() {
    }

    /** {@code rule loss_plateau (command c-9)}, {@code user alice (command c-1)}, {@code unknown source (command c)}. */
    static String describe(CommandSource source, String commandId) {
        String who;
        if (source == null || source.kind() == null) {
            who = "unknown source";
        } else {
            String name = source.rule() != null ? source.rule() : source.author();
            who = source.kind().wire() + (name == null ? "" : " " + name);
        }
        return who + " (command " + commandId + ")";
    }
}
