package io.coxswain.streams.engine;

import io.coxswain.streams.rules.trac.TracClasses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule sets one instance runs, by name: updated from the {@code coxswain.rules} topic while the stream threads
 * read it. A text that does not load leaves the version before it running. Thread-safe; readers get immutable
 * snapshots.
 */
public final class RuleSetRegistry {
    private final TracClasses classes;
    private volatile Map<String, RuleSet> sets = Map.of();

    public RuleSetRegistry() {
        this(TracClasses.builtinsAndServices(RuleSetRegistry.class.getClassLoader()));
    }

    public RuleSetRegistry(TracClasses classes) {
        this.classes = classes;
    }

    /** What an update did. */
    public sealed interface Update {
        /** The text loaded; {@code previous} is the version it replaced, or null. */
        record Loaded(RuleSet set, String previous) implements Update {
        }

        /** The same version was already running. */
        record Unchanged(RuleSet set) implements Update {
        }

        /** The text did not load; {@code running} is the version still running, or null. */
        record Rejected(String name, String version, String error, String running) implements Update {
        }

        /** The set was withdrawn; {@code previous} is the version that ran, or null when none did. */
        record Removed(String name, String previous) implements Update {
        }
    }

    /** Loads {@code text} as rule set {@code name}, or withdraws the set when {@code text} is null. */
    public synchronized Update update(String name, String text) {
        RuleSet running = sets.get(name);
        if (text == null) {
            if (running != null) {
                replace(name, null);
            }
            return new Update.Removed(name, running == null ? null : running.version());
        }
        String version = RuleSet.versionOf(text);
        if (running != null && running.version().equals(version)) {
            return new Update.Unchanged(running);
        }
        try {
            RuleSet set = parse(name, text);
            replace(name, set);
            return new Update.Loaded(set, running == null ? null : running.version());
        } catch (RuntimeException e) {
            return new Update.Rejected(name, version, e.getMessage(), running == null ? null : running.version());
        }
    }

    /** Loads {@code text} as {@code name} with this registry's classes, without running it. */
    public RuleSet parse(String name, String text) {
        return RuleSet.load(name, text, classes);
    }

    /** The sets running now, in name order. */
    public Collection<RuleSet> current() {
        return sets.values();
    }

    public Optional<RuleSet> get(String name) {
        return Optional.ofNullable(sets.get(name));
    }

    /** Whether any running set reads the cohort (so events must also be grouped by experiment). */
    public boolean hasCohortSets() {
        return sets.values().stream().anyMatch(RuleSet::cohort);
    }

    private void replace(String name, RuleSet set) {
        Map<String, RuleSet> next = new java.util.TreeMap<>(sets);
        if (set == null) {
            next.remove(name);
        } else {
            next.put(name, set);
        }
        sets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(next));
    }

    /** The names running now. */
    public List<String> names() {
        return new ArrayList<>(sets.keySet());
    }
}
