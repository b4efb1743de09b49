package io.coxswain.streams.rules.expr;

import static io.coxswain.streams.rules.expr.Values.typeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Iteration for the built-ins that take an iterable: sum, avg, min, max. */
final class Sequences {
    private Sequences() {
    }

    static List<?> elements(Object value, String function, int column) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof String s) {
            List<Object> characters = new ArrayList<>(s.length());
            s.chars().forEach(c -> characters.add(String.valueOf((char) c)));
            return characters;
        }
        if (value instanceof Map<?, ?> map) {
            return new ArrayList<>(map.keySet());
        }
        throw new WrongTypeException(function + "(): " + typeName(value) + " object is not iterable", column);
    }

    /** min/max: of one iterable argument, or of several arguments; the first of equal extremes wins. */
    static Object extreme(List<Object> args, CompareOp better, String function, int column) {
        List<?> candidates = args.size() == 1 ? elements(args.get(0), function, column) : args;
        if (candidates.isEmpty()) {
            throw new InvalidValueException(function + "() arg is an empty sequence", column);
        }
        Double fast = extremeOfFloats(candidates, better);
        if (fast != null) {
            return fast;
        }
        Object best = candidates.get(0);
        for (Object candidate : candidates) {
            if (Values.order(better, candidate, best, column)) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * The extreme of a list of floats only, in a primitive loop: the same comparisons as the general path ({@code <}
     * or {@code >} against the best so far, so NaN behaves as in Python); null when any element is not a Double.
     */
    private static Double extremeOfFloats(List<?> candidates, CompareOp better) {
        if (!(candidates.get(0) instanceof Double first)) {
            return null;
        }
        double best = first;
        boolean lower = better == CompareOp.LT;
        for (int i = 1; i < candidates.size(); i++) {
            if (!(candidates.get(i) instanceof Double candidate)) {
                return null;
            }
            double value = candidate;
            if (lower ? value < best : value > best) {
                best = value;
            }
        }
        return best;
    }

    /**
     * Python's {@code sum(floats)} (sequential addition from 0) in a primitive loop; null when any element is not a
     * Double.
     */
    static Double sumOfFloats(List<?> values) {
        double total = 0;
        for (Object value : values) {
            if (!(value instanceof Double d)) {
                return null;
            }
            total += d;
        }
        return total;
    }
}
