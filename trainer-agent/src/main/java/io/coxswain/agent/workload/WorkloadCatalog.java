package io.coxswain.agent.workload;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The workloads this agent can train, by name: every {@link WorkloadProvider} on the class path (built-in ones and
 * plug-ins listed in {@code META-INF/services}). Looked up once, when the class is first used.
 */
public final class WorkloadCatalog {
    private static final Map<String, WorkloadProvider> PROVIDERS = load();

    private WorkloadCatalog() {
    }

    private static Map<String, WorkloadProvider> load() {
        Map<String, WorkloadProvider> providers = new TreeMap<>();
        for (WorkloadProvider provider : ServiceLoader.load(WorkloadProvider.class)) {
            WorkloadProvider clash = providers.putIfAbsent(provider.name(), provider);
            if (clash != null) {
                throw new WorkloadException("two workloads are named '" + provider.name() + "': "
                        + clash.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        return providers;
    }

    public static Set<String> names() {
        return PROVIDERS.keySet();
    }

    public static Optional<WorkloadProvider> find(String name) {
        return Optional.ofNullable(PROVIDERS.get(name));
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
        return find(name).orElseThrow(() -> new WorkloadException("unknown workload '" + name + "' (known: "
                + String.join(", ", names()) + ")")).create(settings);
    }
}
