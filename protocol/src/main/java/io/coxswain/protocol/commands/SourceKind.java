package io.coxswain.protocol.commands;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Who issued a command: a person, a rule, or a replay of an earlier run. */
public enum SourceKind {
    USER, RULE, REPLAY;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<SourceKind> fromWire(String text) {
        return Arrays.stream(values()).filter(k -> k.wire().equals(text)).findFirst();
    }
}
