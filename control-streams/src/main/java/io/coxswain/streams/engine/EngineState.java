package io.coxswain.streams.engine;

import java.util.Map;

/**
 * Where the engine keeps its state: in memory for backtests and benchmarks, in changelogged state stores in the
 * streams app. Keys: run id for run info; rule set and run for rule state; experiment and run for cohort tracks.
 */
public interface EngineState {

    RunInfo info(String runId);

    void putInfo(String runId, RunInfo info);

    RunRuleState ruleState(String ruleSet, String runId);

    void putRuleState(String ruleSet, String runId, RunRuleState state);

    /** The run's tracks of one experiment, by run id, in first-seen order. */
    Map<String, RunTrack> cohort(String experimentId);

    RunTrack track(String experimentId, String runId);

    void putTrack(String experimentId, String runId, RunTrack track);

    /** Forgets a finished run's per-run state (its cohort track stays, for the cohort's statistics). */
    void forget(String runId, Iterable<String> ruleSets);
}
