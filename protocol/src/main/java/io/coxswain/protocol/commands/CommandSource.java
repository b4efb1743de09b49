package io.coxswain.protocol.commands;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Who or what issued a command, and why.
 *
 * @param kind     user, rule or replay
 * @param author   the person or component that sent it
 * @param rule     the rule (controller) that fired, for kind rule
 * @param evidence the values the rule saw when it fired (an object), or null
 */
public record CommandSource(SourceKind kind, String author, String rule, JsonNode evidence) {

    public static CommandSource user(String author) {
        return new CommandSource(SourceKind.USER, author, null, null);
    }

    public static CommandSource rule(String author, String rule, JsonNode evidence) {
        return new CommandSource(SourceKind.RULE, author, rule, evidence);
    }
}
