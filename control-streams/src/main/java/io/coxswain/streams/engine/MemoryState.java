package io.coxswain.streams.engine;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Engine state in memory, for backtests and benchmarks. */
public final class MemoryState implements EngineState {
    private final Map<String, RunInfo> infos = new HashMap<>();
    private final Map<String, RunRuleState> ruleStates = new HashMap<>();
    private final Map<String, Map<String, RunTrack>> cohorts = new HashMap<>();

    @Override
    public RunInfo info(String runId) {
        return infos.get(runId);
    }

    @Override
    public void putInfo(String runId, RunInfo info) {
        infos.put(runId, info);
    }

    @Override
    public RunRuleState ruleState(String ruleSet, String runId) {
        return ruleStates.get(key(ruleSet, runId));
    }

    @Override
    public void putRuleState(String ruleSet, String runId, RunRuleState state) {
        ruleStates.put(key(ruleSet, runId), state);
    }

    @Override
    public Map<String, RunTrack> cohort(String experimentId) {
        return java.util.Collections.unmodifiableMap(cohorts.getOrDefault(experimentId, Map.of()));
    }

    @Override
    public RunTrack track(String experimentId, String runId) {
        return cohorts.getOrDefault(experimentId, Map.of()).get(runId);
    }

    @Override
    public void putTrack(String experimentId, String runId, RunTrack track) {
        cohorts.computeIfAbsent(experimentId, e -> new LinkedHashMap<>()).put(runId, track);
    }

    @Override
    public void forget(String runId, Iterable<String> ruleSets) {
        infos.remove(runId);
        ruleSets.forEach(set -> ruleStates.remove(key(set, runId)));
    }

    private static String key(String ruleSet, String runId) {
        return ruleSet + '\u0000' + runId;
    }
}
