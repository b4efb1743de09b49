package io.coxswain.streams.rules.trac;

import java.util.Map;
import java.util.Optional;

/**
 * A metric class a controller file may name in {@code controller_metrics[].class}. Coxswain's built-ins cover
 * TrAC's; more are found with {@link java.util.ServiceLoader} under this interface's name.
 */
public interface TracMetricClass {
    /** The name written in the file, e.g. {@code HistoryBasedMetric}. */
    String className();

    /** Why these arguments are not acceptable, or empty when they are. */
    Optional<String> checkArguments(Map<String, Object> arguments);

    /**
     * The metric for one rule set, with arguments that passed {@link #checkArguments}. Coxswain computes TrAC's own
     * classes itself; every other class must implement this.
     */
    default MetricFunction create(Map<String, Object> arguments) {
        throw new UnsupportedOperationException("metric class " + className() + " is computed by the engine");
    }

    /** Whether the metric reads other runs of the experiment: its rule sets are then evaluated per experiment. */
    default boolean cohort() {
        return false;
    }
}
