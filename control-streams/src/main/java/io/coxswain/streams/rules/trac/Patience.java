package io.coxswain.streams.rules.trac;

/**
 * A controller's patience: its operations fire only once the rule has been true more than {@code threshold} times
 * (consecutively, in {@link PatienceMode#RESET_ON_FAILURE} mode).
 */
public record Patience(int threshold, PatienceMode mode) {
    /** TrAC's {@code patience_threshold} default when a patience block is present. */
    public static final int DEFAULT_THRESHOLD = 1;

    /** No patience block: operations fire on every true rule. */
    public static final Patience EVERY_TRUE = new Patience(0, PatienceMode.RESET_ON_FAILURE);

    public Patience {
        if (threshold < 0) {
            throw new IllegalArgumentException("patience threshold must be >= 0, got " + threshold);
        }
        java.util.Objects.requireNonNull(mode, "mode");
    }

    /** The state before the rule was first evaluated. */
    public PatienceState start() {
        return new PatienceState(this, 0, false);
    }
}
