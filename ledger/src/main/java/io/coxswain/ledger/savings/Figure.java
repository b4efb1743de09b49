package io.coxswain.ledger.savings;

import java.util.Objects;

/**
 * One saved amount (seconds, joules or bytes), how it was obtained, and the arithmetic behind it.
 *
 * @param value   the amount saved; negative where the intervention cost more than the baseline
 * @param measure measured or estimated
 * @param basis   how it was computed, e.g. {@code 840 steps not run (planned 1000, stopped at step 160) x median
 *                step 0.02 s}
 */
public record Figure(double value, Measure measure, String basis) {
    public Figure {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(basis, "basis");
    }
}
