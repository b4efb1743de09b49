package io.coxswain.protocol.events;

/** A command changed nothing: {@code duplicate} (its id was seen before) or {@code no-op} (values already set). */
public record CommandIgnored(String commandId, String why) implements RunEvent {
    public static final String DUPLICATE = "duplicate";
    public static final String NO_OP = "no-op";
}
