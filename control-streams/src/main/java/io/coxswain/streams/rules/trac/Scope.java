package io.coxswain.streams.rules.trac;

import java.util.Collection;
import java.util.List;

/**
 * The runs a rule set applies to, from the file's optional top-level {@code scope: {experiments: [...], tags: [...]}}
 * (a Coxswain key; TrAC ignores it). A run is in scope when its experiment is listed (or none are) and it carries
 * every listed tag.
 */
public record Scope(List<String> experiments, List<String> tags) {
    /** Every run. */
    public static final Scope ALL = new Scope(List.of(), List.of());

    public Scope {
        experiments = List.copyOf(experiments);
        tags = List.copyOf(tags);
    }

    /** Whether a run of {@code experimentId} (null for none) with {@code runTags} is in scope. */
    public boolean includes(String experimentId, Collection<String> runTags) {
        return (experiments.isEmpty() || experiments.contains(experimentId)) && runTags.containsAll(tags);
    }
}
