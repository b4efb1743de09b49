package io.coxswain.protocol.events;

/** A rule could not be evaluated for this run; it was skipped and training went on. */
public record RuleFailed(String controller, String trigger, String rule, String error) implements RunEvent {
}
