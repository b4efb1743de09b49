package io.coxswain.ledger.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a run stands, as the ledger last saw it. */
public enum RunStatus {
    RUNNING, FINISHED;

    /** The name stored in the database, e.g. {@code running}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RunStatus> fromWire(String text) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(text)).findFirst();
    }
}
