package io.coxswain.streams.cohort;

import io.coxswain.streams.rules.trac.Arguments;
import io.coxswain.streams.rules.trac.CohortView;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.stream.DoubleStream;

/**
 * What a cohort recipe compares runs by: one series of the {@link CohortView} ({@code objective}, default
 * {@code loss}) and whether lower ({@code mode: min}, the default) or higher ({@code mode: max}) is better.
 * Non-finite points (a diverged run's NaN) are skipped: they are neither better nor worse than anything.
 */
record Objective(String key, boolean maximize) {
    static final Set<String> ARGUMENTS = Set.of("objective", "mode");

    static Optional<String> check(Map<String, Object> arguments) {
        return Arguments.first(
                CohortArguments.nonBlankString(arguments, "objective"),
                CohortArguments.oneOf(arguments, "mode", Set.of("min", "max")));
    }

    static Objective of(Map<String, Object> arguments) {
        return new Objective((String) arguments.getOrDefault("objective", "loss"),
                "max".equals(arguments.get("mode")));
    }

    /** Whether {@code a} is strictly better than {@code b}. */
    boolean better(double a, double b) {
        return maximize ? a > b : a < b;
    }

    /** The better of two values. */
    double best(double a, double b) {
        return better(b, a) ? b : a;
    }

    /** The run's latest finite point, or null when it has none. */
    Map.Entry<Long, Double> latest(CohortView cohort, String runId) {
        return firstFinite(cohort.series(runId, key).descendingMap());
    }

    /** The run's latest finite point at or before {@code step}, or null when it has none. */
    Map.Entry<Long, Double> atOrBefore(CohortView cohort, String runId, long step) {
        return firstFinite(cohort.series(runId, key).headMap(step, true).descendingMap());
    }

    /** The run's first finite point at or after {@code step}, or null when it has none. */
    Map.Entry<Long, Double> atOrAfter(CohortView cohort, String runId, long step) {
        return firstFinite(cohort.series(runId, key).tailMap(step, true));
    }

    /** The run's finite values at or before {@code step}, oldest first. */
    DoubleStream upTo(CohortView cohort, String runId, long step) {
        return cohort.series(runId, key).headMap(step, true).values().stream().mapToDouble(Double::doubleValue)
                .filter(Double::isFinite);
    }

    private static Map.Entry<Long, Double> firstFinite(NavigableMap<Long, Double> points) {
        for (Map.Entry<Long, Double> point : points.entrySet()) {
            if (Double.isFinite(point.getValue())) {
                return point;
            }
        }
        return null;
    }
}
