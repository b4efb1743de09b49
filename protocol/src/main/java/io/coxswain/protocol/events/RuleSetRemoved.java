package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A rule set was withdrawn (a tombstone on the rules topic) and applies to no run any more. */
public record RuleSetRemoved(@JsonProperty(required = true) String name, String previous) implements RunEvent {
}
