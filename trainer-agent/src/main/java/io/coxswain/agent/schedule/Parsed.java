package io.coxswain.agent.schedule;

import java.util.List;

/**
 * The result of reading a setting from JSON: the value, or every problem found, each naming its field.
 *
 * @param value    the value read, or null when there are problems
 * @param problems what is wrong, empty when there is a value
 */
public record Parsed<T>(T value, List<String> problems) {
    public Parsed {
        problems = List.copyOf(problems);
        if ((value == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("a parse result holds either a value or problems, got value " + value
                    + " and problems " + problems);
        }
    }

    public static <T> Parsed<T> of(T value) {
        return new Parsed<>(value, List.of());
    }

    public static <T> Parsed<T> failed(List<String> problems) {
        return new Parsed<>(null, problems);
    }

    public boolean valid() {
        return value != null;
    }
}
