package io.coxswain.protocol.schedule;

import io.coxswain.protocol.commands.SourceKind;

/**
 * The command a schedule entry repeats, as the original run's answers named it.
 *
 * @param commandId the original command's id
 * @param kind      who sent it: user, rule or replay (a schedule of its own); null when unknown
 * @param author    the person or component that sent it, or null
 * @param rule      the rule that fired it, or null
 */
public record ScheduleOrigin(String commandId, SourceKind kind, String author, String rule) {
}
