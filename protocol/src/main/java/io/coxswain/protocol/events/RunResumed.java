package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A paused run steps again, after {@code pausedSeconds}. {@code commandId} is the resume (or stop) command. */
public record RunResumed(@JsonProperty(required = true) String commandId, double pausedSeconds, String detail)
        implements RunEvent {
}
