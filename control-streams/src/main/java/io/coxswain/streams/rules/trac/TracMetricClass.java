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
}
