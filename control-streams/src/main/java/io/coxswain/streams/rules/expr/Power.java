package io.coxswain.streams.rules.expr;

import static io.coxswain.streams.rules.expr.Values.asDouble;
import static io.coxswain.streams.rules.expr.Values.asLong;
import static io.coxswain.streams.rules.expr.Values.isInt;
import static io.coxswain.streams.rules.expr.Values.isNumber;

/** Python's **, bounded: an int exponent above {@link #MAX_EXPONENT} or a result out of range fails at once. */
final class Power {
    static final long MAX_EXPONENT = 4000;

    private Power() {
    }

    static Object apply(Object a, Object b, int column) {
        if (!isNumber(a) || !isNumber(b)) {
            throw Arithmetic.unsupported("**", a, b, column);
        }
        if (isInt(a) && isInt(b) && asLong(b) >= 0) {
            return ints(asLong(a), asLong(b), column);
        }
        double base = asDouble(a);
        double exponent = asDouble(b);
        if (base == 0.0 && exponent < 0) {
            throw new DivisionByZeroException("0.0 cannot be raised to a negative power", column);
        }
        if (base < 0 && Double.isFinite(exponent) && exponent != Math.rint(exponent)) {
            throw new InvalidValueException("a negative number cannot be raised to a fractional power", column);
        }
        double result = Math.pow(base, exponent);
        if (Double.isInfinite(result) && Double.isFinite(base) && Double.isFinite(exponent)) {
            throw new ValueTooLargeException("result of ** is too large for a float", column);
        }
        return result;
    }

    private static long ints(long base, long exponent, int column) {
        if (base == 0 || base == 1) {
            return exponent == 0 ? 1 : base;
        }
        if (base == -1) {
            return exponent % 2 == 0 ? 1 : -1;
        }
        if (exponent > MAX_EXPONENT) {
            throw new ValueTooLargeException("exponent " + exponent + " is above the cap of " + MAX_EXPONENT, column);
        }
        long result = 1;
        long square = base;
        long remaining = exponent;
        try {
            while (remaining > 0) {
                if ((remaining & 1) == 1) {
                    result = Math.multiplyExact(result, square);
                }
                remaining >>= 1;
                if (remaining > 0) {
                    square = Math.multiplyExact(square, square);
                }
            }
        } catch (ArithmeticException overflow) {
            throw new ValueTooLargeException("integer overflow in ** (ints are 64-bit)", column);
        }
        return result;
    }
}
