package io.coxswain.agent.workload;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The workloads this agent can train, by name: every {@link WorkloadProvider} on the class path (built-in ones and
 * plug-ins listed in {@code META-INF/services}). Looked up on first use; a plug-in with a bad or taken name makes every
 * lookup fail with a {@link WorkloadException} that names both classes, rather than one of them winning silently.
 */
public final class WorkloadCatalog {
    private static volatile Map<String, WorkloadProvider> providers;

    private WorkloadCatalog() {
    }

    private static Map<String, WorkloadProvider> providers() {
        Map<String, WorkloadProvider> loaded = providers;
        if (loaded == null) {
            loaded = index(ServiceLoader.load(WorkloadProvider.class));
            providers = loaded;
        }
        return loaded;
    }

    /** The providers by name, sorted; fails on a malformed name or on two providers with one name. */
    static Map<String, WorkloadProvider> index(Iterable<WorkloadProvider> found) {
        Map<String, WorkloadProvider> byName = new TreeMap<>();
        for (WorkloadProvider provider : found) {
            String name = provider.name();
            if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                throw new WorkloadException("workload provider " + provider.getClass().getName() + " has the name '"
                        + name + "': use 1 to 64 lower-case letters, digits and '-'");
            }
            WorkloadProvider clash = byName.putIfAbsent(name, provider);
            if (clash != null) {
                throw new WorkloadException("two workloads are named '" + name + "': " + clash.getClass().getName()
                        + " and " + provider.getClass().getName() + " (remove one from the class path or rename it)");
            }
        }
        return java.util.Collections.unmodifiableMap(byName);
    }

    public static Set<String> names() {
        return providers().keySet();
    }

    public static Optional<WorkloadProvider> find(String name) {
        return Optional.ofNullable(providers().get(name));
    }

    /** The named workload's provider, or a {@link WorkloadException} that lists the known names. */
    public static WorkloadProvider require(String name) {
        return find(name).orElseThrow(() -> new WorkloadException("unknown workload '" + name + "' (known: "
                + String.join(", ", names()) + ")"));
    }

    /** The named workload's data sources, if there is such a workload. */
    public static Optional<List<DataSource>> sources(String name) {
        return find(name).map(WorkloadProvider::sources);
    }

    /** The size of the named workload's training split (all sources), if there is such a workload. */
    public static Optional<Integer> trainSize(String name) {
        return sources(name).map(list -> list.stream().mapToInt(DataSource::trainSize).sum());
    }

    /** Builds the named workload: generates its data and initializes its model. */
    public static Workload create(String name, ModelSettings settings) {
        return require(name).create(settings);
    }
}
