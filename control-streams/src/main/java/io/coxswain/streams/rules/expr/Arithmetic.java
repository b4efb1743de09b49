package io.coxswain.streams.rules.expr;

import static io.coxswain.streams.rules.expr.Values.asDouble;
import static io.coxswain.streams.rules.expr.Values.asLong;
import static io.coxswain.streams.rules.expr.Values.isInt;
import static io.coxswain.streams.rules.expr.Values.isNumber;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Python's + - * / // % and unary minus on longs and doubles; long overflow is a ValueTooLargeException. */
final class Arithmetic {
    private Arithmetic() {
    }

    static Object add(Object a, Object b, int column) {
        if (isInt(a) && isInt(b)) {
            return exact(() -> Math.addExact(asLong(a), asLong(b)), "+", column);
        }
        if (isNumber(a) && isNumber(b)) {
            return asDouble(a) + asDouble(b);
        }
        if (a instanceof String x && b instanceof String y) {
            checkLength((long) x.length() + y.length(), column);
            return x + y;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            checkLength((long) x.size() + y.size(), column);
            List<Object> joined = new ArrayList<>(x);
            joined.addAll(y);
            return Collections.unmodifiableList(joined);
        }
        throw unsupported("+", a, b, column);
    }

    static Object subtract(Object a, Object b, int column) {
        if (isInt(a) && isInt(b)) {
            return exact(() -> Math.subtractExact(asLong(a), asLong(b)), "-", column);
        }
        if (isNumber(a) && isNumber(b)) {
            return asDouble(a) - asDouble(b);
        }
        throw unsupported("-", a, b, column);
    }

    static Object multiply(Object a, Object b, int column) {
        if (isInt(a) && isInt(b)) {
            return exact(() -> Math.multiplyExact(asLong(a), asLong(b)), "*", column);
        }
        if (isNumber(a) && isNumber(b)) {
            return asDouble(a) * asDouble(b);
        }
        if (isInt(b) && (a instanceof String || a instanceof List<?>)) {
            return repeat(a, asLong(b), column);
        }
        if (isInt(a) && (b instanceof String || b instanceof List<?>)) {
            return repeat(b, asLong(a), column);
        }
        throw unsupported("*", a, b, column);
    }

    static Object divide(Object a, Object b, int column) {
        requireNumbers("/", a, b, column);
        if (asDouble(b) == 0.0) {
            throw new DivisionByZeroException("division by zero", column);
        }
        return asDouble(a) / asDouble(b);
    }

    static Object floorDivide(Object a, Object b, int column) {
        requireNumbers("//", a, b, column);
        if (isInt(a) && isInt(b)) {
            long divisor = nonZero(asLong(b), "integer division or modulo by zero", column);
            if (asLong(a) == Long.MIN_VALUE && divisor == -1) {
                throw new ValueTooLargeException("integer overflow in //", column);
            }
            return Math.floorDiv(asLong(a), divisor);
        }
        double x = asDouble(a);
        double y = asDouble(b);
        if (y == 0.0) {
            throw new DivisionByZeroException("float floor division by zero", column);
        }
        // CPython's float_floor_div: exact for cases like 1 // 0.1 == 9.0 where floor(x / y) is not.
        double mod = x % y;
        double div = (x - mod) / y;
        if (mod != 0.0 && (y < 0) != (mod < 0)) {
            div -= 1.0;
        }
        if (div == 0.0) {
            return Math.copySign(0.0, x / y);
        }
        double floor = Math.floor(div);
        return div - floor > 0.5 ? floor + 1.0 : floor;
    }

    static Object modulo(Object a, Object b, int column) {
        requireNumbers("%", a, b, column);
        if (isInt(a) && isInt(b)) {
            return Math.floorMod(asLong(a), nonZero(asLong(b), "integer division or modulo by zero", column));
        }
        double x = asDouble(a);
        double y = asDouble(b);
        if (y == 0.0) {
            throw new DivisionByZeroException("float modulo", column);
        }
        double mod = x % y;
        if (mod == 0.0) {
            return Math.copySign(0.0, y);
        }
        return (y < 0) != (mod < 0) ? mod + y : mod;
    }

    static Object negate(Object a, int column) {
        if (isInt(a)) {
            return exact(() -> Math.negateExact(asLong(a)), "unary -", column);
        }
        if (isNumber(a)) {
            return -asDouble(a);
        }
        throw new WrongTypeException("bad operand type for unary -: " + Values.typeName(a), column);
    }

    static Object plus(Object a, int column) {
        if (isInt(a)) {
            return asLong(a);
        }
        if (isNumber(a)) {
            return asDouble(a);
        }
        throw new WrongTypeException("bad operand type for unary +: " + Values.typeName(a), column);
    }

    static void checkLength(long length, int column) {
        if (length > Values.MAX_LENGTH) {
            throw new ValueTooLargeException("result of " + length + " elements exceeds the cap of "
                    + Values.MAX_LENGTH, column);
        }
    }

    private static Object repeat(Object sequence, long times, int column) {
        int count = (int) Math.max(0, Math.min(times, Values.MAX_LENGTH + 1L));
        if (sequence instanceof String s) {
            checkLength((long) s.length() * count, column);
            return s.repeat(count);
        }
        List<?> list = (List<?>) sequence;
        checkLength((long) list.size() * count, column);
        List<Object> repeated = new ArrayList<>(list.size() * count);
        for (int i = 0; i < count; i++) {
            repeated.addAll(list);
        }
        return Collections.unmodifiableList(repeated);
    }

    private static long nonZero(long divisor, String problem, int column) {
        if (divisor == 0) {
            throw new DivisionByZeroException(problem, column);
        }
        return divisor;
    }

    private static void requireNumbers(String op, Object a, Object b, int column) {
        if (!isNumber(a) || !isNumber(b)) {
            throw unsupported(op, a, b, column);
        }
    }

    static WrongTypeException unsupported(String op, Object a, Object b, int column) {
        return new WrongTypeException("unsupported operand types for " + op + ": " + Values.typeName(a) + " and "
                + Values.typeName(b), column);
    }

    private static Long exact(java.util.function.LongSupplier operation, String op, int column) {
        try {
            return operation.getAsLong();
        } catch (ArithmeticException overflow) {
            throw new ValueTooLargeException("integer overflow in " + op + " (ints are 64-bit)", column);
        }
    }
}
