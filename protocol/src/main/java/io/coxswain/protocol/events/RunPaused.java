package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The run stopped stepping until a resume; it still answers commands. {@code commandId} is the pause command. */
public record RunPaused(@JsonProperty(required = true) String commandId, String detail) implements RunEvent {
}
