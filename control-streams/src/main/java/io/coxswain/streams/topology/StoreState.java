package io.coxswain.streams.topology;

import io.coxswain.streams.engine.EngineState;
import io.coxswain.streams.engine.RunInfo;
import io.coxswain.streams.engine.RunRuleState;
import io.coxswain.streams.engine.RunTrack;
import io.coxswain.streams.internal.UnreadableStateException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engine state in persistent, changelogged state stores of one stream task. A stored value that cannot be read any
 * more (written by an incompatible version) is logged and treated as absent, so the run starts over rather than the
 * task failing.
 *
 * <p>Reads of rule states go through a bounded cache of the values this task last wrote or read, so a busy run's
 * state is deserialized once, not on every event; every write still goes to the store (and so to its changelog, in
 * the same transaction as the output). The cache lives as long as the processor's {@code init}: a task that is
 * revived after a failure gets a new one, filled from the restored store.
 */
final class StoreState implements EngineState {
    private static final Logger LOG = LoggerFactory.getLogger(StoreState.class);
    private static final char SEPARATOR = '\u0000';
    /** How many rule states (and run infos) one task keeps deserialized. */
    static final int CACHED_STATES = 4_096;

    private final KeyValueStore<String, RunInfo> infos;
    private final KeyValueStore<String, RunRuleState> ruleStates;
    private final KeyValueStore<String, RunTrack> tracks;
    private final Map<String, RunRuleState> recent = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RunRuleState> eldest) {
            return size() > CACHED_STATES;
        }
    };
    private final Map<String, RunInfo> recentInfos = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RunInfo> eldest) {
            return size() > CACHED_STATES;
        }
    };

    StoreState(KeyValueStore<String, RunInfo> infos, KeyValueStore<String, RunRuleState> ruleStates,
            KeyValueStore<String, RunTrack> tracks) {
        this.infos = infos;
        this.ruleStates = ruleStates;
        this.tracks = tracks;
    }

    @Override
    public RunInfo info(String runId) {
        RunInfo cached = recentInfos.get(runId);
        if (cached != null) {
            return cached;
        }
        RunInfo stored = read(infos, runId);
        if (stored != null) {
            recentInfos.put(runId, stored);
        }
        return stored;
    }

    @Override
    public void putInfo(String runId, RunInfo info) {
        infos.put(runId, info);
        recentInfos.put(runId, info);
    }

    @Override
    public RunRuleState ruleState(String ruleSet, String runId) {
        String key = ruleSet + SEPARATOR + runId;
        RunRuleState cached = recent.get(key);
        if (cached != null) {
            return cached;
        }
        RunRuleState stored = read(ruleStates, key);
        if (stored != null) {
            recent.put(key, stored);
        }
        return stored;
    }

    @Override
    public void putRuleState(String ruleSet, String runId, RunRuleState state) {
        String key = ruleSet + SEPARATOR + runId;
        ruleStates.put(key, state);
        recent.put(key, state);
    }

    @Override
    public Map<String, RunTrack> cohort(String experimentId) {
        Map<String, RunTrack> cohort = new LinkedHashMap<>();
        String prefix = experimentId + SEPARATOR;
        try (KeyValueIterator<String, RunTrack> range = tracks.range(prefix, experimentId + '\u0001')) {
            range.forEachRemaining(entry -> cohort.put(entry.key.substring(prefix.length()), entry.value));
        }
        return cohort;
    }

    @Override
    public RunTrack track(String experimentId, String runId) {
        return read(tracks, experimentId + SEPARATOR + runId);
    }

    @Override
    public void putTrack(String experimentId, String runId, RunTrack track) {
        tracks.put(experimentId + SEPARATOR + runId, track);
    }

    @Override
    public void forget(String runId, Iterable<String> ruleSets) {
        infos.delete(runId);
        recentInfos.remove(runId);
        ruleSets.forEach(set -> {
            ruleStates.delete(set + SEPARATOR + runId);
            recent.remove(set + SEPARATOR + runId);
        });
    }

    private static <V> V read(KeyValueStore<String, V> store, String key) {
        try {
            return store.get(key);
        } catch (UnreadableStateException e) {
            LOG.error("state {} of {} cannot be read; starting it over", key, store.name(), e);
            return null;
        }
    }
}
