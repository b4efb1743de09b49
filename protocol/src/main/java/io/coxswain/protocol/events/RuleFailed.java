package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;
/** A rule could not be evaluated for this run; it was skipped and training went on. */
public record RuleFailed(@JsonProperty(required = true) String controller,
                         @JsonProperty(required = true) String trigger, @JsonProperty(required = true) String rule,
                         @JsonProperty(required = true) String error) implements RunEvent {
}
