package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;
/** A command changed nothing: {@code duplicate} (its id was seen before) or {@code no-op} (values already set). */
public record CommandIgnored(@JsonProperty(required = true) String commandId,
                             @JsonProperty(required = true) String why) implements CommandAnswer {
    public static final String DUPLICATE = "duplicate";
    public static final String NO_OP = "no-op";
}
