package io.coxswain.protocol.events;

import com.fasterxml.jackson.annotation.JsonProperty;
/** The run ended: {@code completed}, {@code stopped} (by a command or rule, named in detail) or {@code failed}. */
public record RunFinished(@JsonProperty(required = true) String reason, String detail) implements RunEvent {
    public static final String COMPLETED = "completed";
    public static final String STOPPED = "stopped";
    public static final String FAILED = "failed";
}
