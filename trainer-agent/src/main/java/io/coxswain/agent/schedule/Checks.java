package io.coxswain.agent.schedule;

import java.util.List;

/** Value checks shared by the schedules' constructors and their JSON readers, so both report the same words. */
final class Checks {
    private Checks() {
    }

    static String field(String prefix, String name) {
        return prefix == null || prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** Adds a problem when {@code value} is below {@code min}; a null value (already reported as unreadable) passes. */
    static void atLeast(List<String> problems, String prefix, String name, Number value, long min) {
        if (value != null && value.longValue() < min) {
            problems.add(field(prefix, name) + " must be >= " + min + ", got " + value);
        }
    }

    /** Throws the problems of a value built in code, where the caller has no list to report them in. */
    static void require(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    static void stepNotNegative(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0 (the steps already taken), got " + step);
        }
    }
}
