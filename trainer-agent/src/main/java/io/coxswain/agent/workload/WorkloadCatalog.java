package io.coxswain.agent.workload;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** The workloads this agent can train, by name. Immutable. */
public final class WorkloadCatalog {

    private record Entry(int trainSize, Function<ModelSettings, Workload> factory) {
    }

    private static final Map<String, Entry> ENTRIES = Map.of(
            MlpBlobsWorkload.NAME, new Entry(BlobsData.TRAIN_SIZE, MlpBlobsWorkload::create));

    private WorkloadCatalog() {
    }

    public static Set<String> names() {
        return new TreeSet<>(ENTRIES.keySet());
    }

    /** The size of the named workload's training split, if there is such a workload. */
    public static Optional<Integer> trainSize(String name) {
        return Optional.ofNullable(ENTRIES.get(name)).map(Entry::trainSize);
    }

    /** Builds the named workload: generates its data and initializes its model. */
    public static Workload create(String name, ModelSettings settings) {
        Entry entry = ENTRIES.get(name);
        if (entry == null) {
            throw new WorkloadException("unknown workload '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        return entry.factory().apply(settings);
    }
}
