package io.coxswain.ledger.savings;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What saved it: a run stopped (or an epoch cut short) early, a change applied live, the checkpoint policy. */
public enum SavingsKind {
    EARLY_STOP, LIVE_CHANGE, CHECKPOINT_STORAGE;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<SavingsKind> fromWire(String text) {
        return Arrays.stream(values()).filter(k -> k.wire().equals(text)).findFirst();
    }
}
