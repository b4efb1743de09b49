package io.coxswain.streams.rules.expr;

import static io.coxswain.streams.rules.expr.Values.asDouble;
import static io.coxswain.streams.rules.expr.Values.asLong;
import static io.coxswain.streams.rules.expr.Values.isInt;
import static io.coxswain.streams.rules.expr.Values.isNumber;
import static io.coxswain.streams.rules.expr.Values.typeName;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Pattern;

/** Numeric conversions behind the built-ins: rounding, truncation to int, and int()/float() of strings. */
final class Numbers {
    private static final Pattern INT_TEXT = Pattern.compile("[+-]?\\d+(_\\d+)*");
    private static final Pattern FLOAT_TEXT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern SPECIAL_FLOAT = Pattern.compile("(?i)[+-]?(inf|infinity|nan)");
    private static final double LONG_BOUND = 0x1p63;

    private Numbers() {
    }

    static double requireFloat(Object value, String function, int column) {
        if (!isNumber(value)) {
            throw new WrongTypeException(function + "() needs a number, got " + typeName(value), column);
        }
        return asDouble(value);
    }

    static long roundToInt(Object value, int column) {
        return toLong(value, Math::rint, "round", column);
    }

    static Object round(Object value, long digits, int column) {
        if (isInt(value)) {
            if (digits >= 0) {
                return asLong(value);
            }
            if (digits < -19) {
                return 0L;
            }
            try {
                return BigDecimal.valueOf(asLong(value)).setScale((int) digits, RoundingMode.HALF_EVEN).longValueExact();
            } catch (ArithmeticException overflow) {
                throw new ValueTooLargeException("integer overflow in round()", column);
            }
        }
        double x = requireFloat(value, "round", column);
        if (!Double.isFinite(x) || digits > 400) {
            return x;
        }
        if (digits < -400) {
            return Math.copySign(0.0, x);
        }
        double rounded = new BigDecimal(x).setScale((int) digits, RoundingMode.HALF_EVEN).doubleValue();
        if (Double.isInfinite(rounded)) {
            throw new ValueTooLargeException("rounded value too large to represent", column);
        }
        return rounded;
    }

    /** An int as is; a float through {@code toIntegral} and checked to fit a long (Python: NaN/inf cannot). */
    static long toLong(Object value, DoubleUnaryOperator toIntegral, String function, int column) {
        if (isInt(value)) {
            return asLong(value);
        }
        double x = requireFloat(value, function, column);
        if (Double.isNaN(x)) {
            throw new InvalidValueException(function + "(): cannot convert float NaN to integer", column);
        }
        double integral = toIntegral.applyAsDouble(x);
        if (integral >= LONG_BOUND || integral < -LONG_BOUND) {
            throw new ValueTooLargeException(function + "(): " + x + " does not fit a 64-bit int", column);
        }
        return (long) integral;
    }

    static long parseInt(String text, int column) {
        String trimmed = text.strip();
        if (!INT_TEXT.matcher(trimmed).matches()) {
            throw new InvalidValueException("invalid literal for int(): " + Values.repr(text), column);
        }
        try {
            return Long.parseLong(trimmed.replace("_", ""));
        } catch (NumberFormatException overflow) {
            throw new ValueTooLargeException("int(): " + Values.repr(text) + " does not fit a 64-bit int", column);
        }
    }

    static double parseFloat(String text, int column) {
        String trimmed = text.strip();
        if (SPECIAL_FLOAT.matcher(trimmed).matches()) {
            boolean negative = trimmed.startsWith("-");
            if (trimmed.toLowerCase().endsWith("nan")) {
                return Double.NaN;
            }
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!FLOAT_TEXT.matcher(trimmed).matches()) {
            throw new InvalidValueException("could not convert string to float: " + Values.repr(text), column);
        }
        return Double.parseDouble(trimmed);
    }
}
