package io.coxswain.agent.control;

import io.coxswain.protocol.commands.CommandSource;

/** A trigger an accepted command fired, for the training loop to carry out after the answers are published. */
public record FiredTrigger(TriggerKind kind, String commandId, CommandSource source) {

    /** Who fired it, for RunFinished details: {@code rule loss_plateau (command rule-r1-loss_plateau-300)}. */
    public String firedBy() {
        return CommandSources.describe(source, commandId);
    }
}
