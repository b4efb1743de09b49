package io.coxswain.streams.classes;

import java.util.Map;
import java.util.Optional;

/** Argument checks and readers shared by this package's metric classes; each check names the argument at fault. */
final class Args {
    private Args() {
    }


    static Optional<String> required(Map<String, Object> arguments, String name) {
        return arguments.get(name) == null ? Optional.of("argument '" + name + "' is required") : Optional.empty();
    }

    /** A finite number greater than 0, when given. */
    static Optional<String> positiveNumber(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        if (value == null || (value instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() > 0)) {
            return Optional.empty();
        }
        return Optional.of("argument '" + name + "' must be a positive number, got '" + value + "'");
    }

    /** A finite number, when given. */
    static Optional<String> finiteNumber(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        if (value == null || (value instanceof Number n && Double.isFinite(n.doubleValue()))) {
            return Optional.empty();
        }
        return Optional.of("argument '" + name + "' must be a finite number, got '" + value + "'");
    }

    /** An integer in {@code min..max}, when given. */
    static Optional<String> integerIn(Map<String, Object> arguments, String name, long min, long max) {
        Object value = arguments.get(name);
        if (value == null || (value instanceof Long n && n >= min && n <= max)) {
            return Optional.empty();
        }
        return Optional.of("argument '" + name + "' must be an integer from " + min + " to " + max + ", got '"
                + value + "'");
    }

    static double number(Map<String, Object> arguments, String name, double otherwise) {
        Object value = arguments.get(name);
        return value == null ? otherwise : ((Number) value).doubleValue();
    }

    static int integer(Map<String, Object> arguments, String name, int otherwise) {
        Object value = arguments.get(name);
        return value == null ? otherwise : ((Number) value).intValue();
    }

}
