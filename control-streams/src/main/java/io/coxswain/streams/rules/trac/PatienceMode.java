package io.coxswain.streams.rules.trac;

/** What a false rule does to the patience counter. */
public enum PatienceMode {
    /** {@code reset_on_failure}: a false rule sets the counter back to 0 (TrAC's default). */
    RESET_ON_FAILURE,
    /** {@code no_reset_on_failure}: a false rule leaves the counter as it is. */
    NO_RESET_ON_FAILURE;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
