package io.coxswain.streams.rules.trac;

/**
 * The patience counter after a rule evaluation, and whether that evaluation fired the controller's operations.
 * Pure: {@link #next(boolean)} returns a new value.
 */
public record PatienceState(Patience patience, int counter, boolean fire) {
    public PatienceState {
        java.util.Objects.requireNonNull(patience, "patience");
        if (counter < 0) {
            throw new IllegalArgumentException("counter must be >= 0, got " + counter);
        }
    }

    /**
     * True adds one to the counter; false resets it to 0 in reset_on_failure mode and keeps it otherwise. While
     * the counter is at most the threshold the operations are suppressed; once it exceeds it they fire and the
     * counter goes back to 0.
     */
    public PatienceState next(boolean ruleTrue) {
        if (!ruleTrue) {
            int kept = patience.mode() == PatienceMode.RESET_ON_FAILURE ? 0 : counter;
            return new PatienceState(patience, kept, false);
        }
        int counted = counter + 1;
        if (counted > patience.threshold()) {
            return new PatienceState(patience, 0, true);
        }
        return new PatienceState(patience, counted, false);
    }
}
