package io.coxswain.streams.rules.trac;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks of a class's {@code arguments}, each naming the argument at fault: shared by the built-in classes and
 * available to plugged-in ones ({@link TracMetricClass#checkArguments}, {@link TracOperationClass#checkArguments}).
 */
public final class Arguments {
    private Arguments() {
    }

    /** A problem naming every argument that is not in {@code known}. */
    public static Optional<String> onlyKnown(Map<String, Object> arguments, Set<String> known) {
        Set<String> unknown = new TreeSet<>(arguments.keySet());
        unknown.removeAll(known);
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("unknown argument(s) " + unknown + "; known: " + new TreeSet<>(known));
    }

    static Optional<String> oneOf(Map<String, Object> arguments, String name, Set<String> allowed) {
        Object value = arguments.get(name);
        if (value == null || allowed.contains(value)) {
            return Optional.empty();
        }
        return Optional.of("argument '" + name + "' must be one of " + new TreeSet<>(allowed) + ", got '" + value + "'");
    }

    static Optional<String> integer(Map<String, Object> arguments, String name) {
        Object value = arguments.get(name);
        if (value == null || value instanceof Long) {
            return Optional.empty();
        }
        return Optional.of("argument '" + name + "' must be an integer, got '" + value + "'");
    }

    static Optional<String> string(Map<String, Object> arguments, String name, boolean required) {
        Object value = arguments.get(name);
        if (value instanceof String || (value == null && !required)) {
            return Optional.empty();
        }
        return Optional.of(value == null ? "argument '" + name + "' is required"
                : "argument '" + name + "' must be a string, got '" + value + "'");
    }

    /** The first problem of {@code checks}, or none. */
    @SafeVarargs
    public static Optional<String> first(Optional<String>... checks) {
        for (Optional<String> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }
}
