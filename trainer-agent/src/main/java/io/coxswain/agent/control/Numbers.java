package io.coxswain.agent.control;

import java.math.BigDecimal;

/** Number formatting for messages: {@code 10} rather than {@code 10.0}, {@code 0.001} rather than {@code 1.0E-3}. */
final class Numbers {
    private Numbers() {
    }

    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
