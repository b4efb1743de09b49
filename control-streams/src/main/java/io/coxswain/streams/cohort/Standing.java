package io.coxswain.streams.cohort;

import io.coxswain.streams.rules.trac.CohortView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run among its cohort at one step: the run's latest objective point, and each other run's latest point at or
 * before that step (runs with none do not count).
 *
 * @param step   the step of the run's latest point
 * @param value  the run's value there
 * @param others the other runs' values at or before {@code step}, by run id
 */
record Standing(Objective objective, String runId, long step, double value, Map<String, Double> others) {

    /** The run's standing at its latest point, or empty when it has none. */
    static Optional<Standing> of(Objective objective, CohortView cohort, String runId) {
        Map.Entry<Long, Double> own = objective.latest(cohort, runId);
        if (own == null) {
            return Optional.empty();
        }
        Map<String, Double> others = new LinkedHashMap<>();
        for (String other : cohort.runs()) {
            Map.Entry<Long, Double> point = other.equals(runId) ? null
                    : objective.atOrBefore(cohort, other, own.getKey());
            if (point != null) {
                others.put(other, point.getValue());
            }
        }
        return Optional.of(new Standing(objective, runId, own.getKey(), own.getValue(), others));
    }

    /** Runs compared, this one included. */
    int size() {
        return others.size() + 1;
    }

    /** The 1-based rank of {@code candidate} among all values (1 = best; equal values share a rank). */
    long rankOf(double candidate) {
        long better = objective.better(value, candidate) ? 1 : 0;
        for (double other : others.values()) {
            better += objective.better(other, candidate) ? 1 : 0;
        }
        return better + 1;
    }

    long rank() {
        return rankOf(value);
    }

    /** 100 for the best run, 0 for the worst: the share of the other runs this one is not behind. */
    double percentile() {
        return 100.0 * (size() - rank()) / (size() - 1);
    }

    double median() {
        return Stats.median(values());
    }

    double best() {
        return values().stream().reduce(objective::best).orElseThrow();
    }

    /** Every run compared, best first (equal values by run id). */
    List<Map.Entry<String, Double>> ranking() {
        List<Map.Entry<String, Double>> all = new ArrayList<>(others.entrySet());
        all.add(Map.entry(runId, value));
        Comparator<Map.Entry<String, Double>> byValue = Comparator.comparing(Map.Entry::getValue);
        all.sort((objective.maximize() ? byValue.reversed() : byValue).thenComparing(Map.Entry::getKey));
        return all;
    }

    private Collection<Double> values() {
        List<Double> all = new ArrayList<>(others.values());
        all.add(value);
        return all;
    }
}
