package io.coxswain.ledger.savings;

import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.SourceKind;

/**
 * The command behind an intervention and who sent it.
 *
 * @param commandId the command's id
 * @param kind      user, rule or replay; null when the command named no source
 * @param author    the person or component that sent it, or null
 * @param rule      the rule ({@code <set>/<controller>}) for kind rule, else null
 */
public record Attribution(String commandId, SourceKind kind, String author, String rule) {

    public static Attribution of(String commandId, CommandSource source) {
        return source == null ? new Attribution(commandId, null, null, null)
                : new Attribution(commandId, source.kind(), source.author(), source.rule());
    }

    /** {@code rule plateau/stop_on_plateau}, {@code user ana}, {@code replay cox}, or {@code unknown}. */
    public String who() {
        if (kind == SourceKind.RULE && rule != null) {
            return "rule " + rule;
        }
        if (kind == null) {
            return author == null ? "unknown" : author;
        }
        return author == null ? kind.wire() : kind.wire() + " " + author;
    }
}
