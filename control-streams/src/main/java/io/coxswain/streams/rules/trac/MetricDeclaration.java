package io.coxswain.streams.rules.trac;

import java.util.Map;

/** A {@code controller_metrics} entry: the variable {@code name} rules read, computed by {@code metricClass}. */
public record MetricDeclaration(String name, String metricClass, Map<String, Object> arguments, int line) {
    public MetricDeclaration {
        arguments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
    }
}
