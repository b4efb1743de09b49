package io.coxswain.streams.rules.trac;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The metric and operation classes a controller file may name, by class name. */
public record TracClasses(Map<String, TracMetricClass> metrics, Map<String, TracOperationClass> operations) {
    public TracClasses {
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
        operations = java.util.Collections.unmodifiableMap(new TreeMap<>(operations));
    }

    /** TrAC's built-in classes only. */
    public static TracClasses builtins() {
        return of(Arrays.asList(BuiltinMetric.values()), Arrays.asList(BuiltinOperation.values()));
    }

    /** The built-ins plus every class registered with {@link ServiceLoader}; a built-in name cannot be replaced. */
    public static TracClasses builtinsAndServices(ClassLoader loader) {
        List<TracMetricClass> metrics = Stream.concat(Arrays.stream(BuiltinMetric.values()),
                ServiceLoader.load(TracMetricClass.class, loader).stream().map(ServiceLoader.Provider::get)).toList();
        List<TracOperationClass> operations = Stream.concat(Arrays.stream(BuiltinOperation.values()),
                ServiceLoader.load(TracOperationClass.class, loader).stream().map(ServiceLoader.Provider::get))
                .toList();
        return of(metrics, operations);
    }

    /** These classes; when two share a name, the first wins. */
    public static TracClasses of(Collection<? extends TracMetricClass> metrics,
            Collection<? extends TracOperationClass> operations) {
        Map<String, TracMetricClass> metricsByName = new TreeMap<>();
        metrics.forEach(m -> metricsByName.putIfAbsent(m.className(), m));
        Map<String, TracOperationClass> operationsByName = new TreeMap<>();
        operations.forEach(o -> operationsByName.putIfAbsent(o.className(), o));
        return new TracClasses(metricsByName, operationsByName);
    }

    public Optional<TracMetricClass> metric(String className) {
        return Optional.ofNullable(metrics.get(className));
    }

    public Optional<TracOperationClass> operation(String className) {
        return Optional.ofNullable(operations.get(className));
    }
}
