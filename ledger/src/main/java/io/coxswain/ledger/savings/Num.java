package io.coxswain.ledger.savings;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers in basis texts: whole numbers exactly, others to 4 significant digits, never in exponent form. */
final class Num {
    private static final MathContext FOUR_DIGITS = new MathContext(4);

    private Num() {
    }

    static String of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(value).round(FOUR_DIGITS).stripTrailingZeros().toPlainString();
    }
}
