package io.coxswain.streams.cohort;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Argument checks shared by the cohort recipes; each problem names the argument. */
final class CohortArguments {
    private CohortArguments() {
    }


    static Optional<String> nonBlankString(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        if (value == null || value instanceof String s && !s.isBlank()) {
            return Optional.empty();
        }
        return Optional.of("argument '" + name + "' must be a non-empty string, got " + describe(value));
    }

    static Optional<String> oneOf(Map<String, Object> arguments, String name, Set<String> allowed) {
        Object value = arguments.get(name);
        if (value == null || allowed.contains(value)) {
            return Optional.empty();
        }
        return Optional.of("argument '" + name + "' must be one of " + new TreeSet<>(allowed) + ", got "
                + describe(value));
    }

    /** A whole number of at least {@code min}; {@code required} says whether it may be left out. */
    static Optional<String> integerAtLeast(Map<String, Object> arguments, String name, long min, boolean required) {
        Object value = arguments.get(name);
        if (value == null) {
            return required ? Optional.of("argument '" + name + "' is required (an integer >= " + min + ")")
                    : Optional.empty();
        }
        if (value instanceof Long l && l >= min) {
            return Optional.empty();
        }
        return Optional.of("argument '" + name + "' must be an integer >= " + min + ", got " + describe(value));
    }

    /** A number in {@code (low, high]}. */
    static Optional<String> numberAbove(Map<String, Object> arguments, String name, double low, double high) {
        Object value = arguments.get(name);
        if (value == null || isNumber(value) && ((Number) value).doubleValue() > low
                && ((Number) value).doubleValue() <= high) {
            return Optional.empty();
        }
        return Optional.of("argument '" + name + "' must be a number above " + low + " and at most " + high
                + ", got " + describe(value));
    }

    static boolean isNumber(Object value) {
        return value instanceof Long || value instanceof Double d && Double.isFinite(d);
    }

    static String describe(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }

}
