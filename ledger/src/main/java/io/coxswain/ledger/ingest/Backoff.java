package io.coxswain.ledger.ingest;

import java.time.Duration;

/** Waits that double after each consecutive failure, from {@link #FIRST} up to a bound; reset by a success. */
final class Backoff {
    static final Duration FIRST = Duration.ofMillis(100);

    private final Duration max;
    private int failures;

    Backoff(Duration max) {
        this.max = max;
    }

    /** Counts a failure and returns how long to wait before the next try. */
    Duration next() {
        failures++;
        int doublings = Math.min(failures - 1, 30);
        Duration wait = FIRST.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    int failures() {
        return failures;
    }

    void reset() {
        failures = 0;
    }
}
