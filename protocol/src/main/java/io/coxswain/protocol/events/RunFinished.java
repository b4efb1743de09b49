package io.coxswain.protocol.events;

/** The run ended: {@code completed}, {@code stopped} (by a command or rule, named in detail) or {@code failed}. */
public record RunFinished(String reason, String detail) implements RunEvent {
    public static final String COMPLETED = "completed";
    public static final String STOPPED = "stopped";
    public static final String FAILED = "failed";
}
