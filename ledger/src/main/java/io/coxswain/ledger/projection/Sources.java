package io.coxswain.ledger.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.commands.CommandSource;

/** The columns of a command's source, null where the source or the field is missing. */
final class Sources {

    private Sources() {
    }

    static String kind(CommandSource source) {
        return source == null || source.kind() == null ? null : source.kind().wire();
    }

    static String author(CommandSource source) {
        return source == null ? null : source.author();
    }

    static String rule(CommandSource source) {
        return source == null ? null : source.rule();
    }

    static JsonNode evidence(CommandSource source) {
        return source == null ? null : source.evidence();
    }
}
