package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A published rule set could not be loaded; the version that ran before (if any) keeps running. Published under the
 * pseudo-run {@code rules:<name>}.
 *
 * @param version the SHA-256 of the rejected text, hex
 * @param error   what is wrong, naming the controller or metric, the field, the line and the column
 */
public record RuleSetRejected(@JsonProperty(required = true) String name,
                              @JsonProperty(required = true) String version,
                              @JsonProperty(required = true) String error) implements RunEvent {
}
