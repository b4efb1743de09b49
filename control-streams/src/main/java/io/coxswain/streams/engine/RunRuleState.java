package io.coxswain.streams.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.streams.rules.metrics.RunMetrics;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One rule set's state for one run: its TrAC metrics, the states of its plugged-in metrics, the patience counters per
 * (controller, trigger), what was already reported once, and whether a stop was sent. Immutable; JSON-serializable for
 * a changelogged state store.
 *
 * @param version   the rule set version this state was built under; a replaced set keeps the metrics and restarts
 *                  the counters of controllers whose text changed (see {@link RuleSetEvaluator})
 * @param functions plugged-in metric states by metric name
 * @param patience  counters by {@code controller|trigger}
 * @param reported  keys of the skips and failures already reported for this run (bounded)
 * @param stopSent  whether a command with {@code stop} was sent; no more commands follow until the run restarts
 */
public record RunRuleState(String version, RunMetrics metrics, Map<String, JsonNode> functions,
                           Map<String, Integer> patience, Set<String> reported, boolean stopSent) {

    /** The most distinct skips and failures reported per run and rule set; later ones are logged, not published. */
    public static final int MAX_REPORTED = 256;

    public RunRuleState {
        functions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(functions));
        patience = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(patience));
        reported = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(reported));
    }

    static RunRuleState initial(RuleSet set) {
        return new RunRuleState(set.version(), RunMetrics.initial(set.historyCapacity()), Map.of(), Map.of(), Set.of(),
                false);
    }
}
