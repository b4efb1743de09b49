package io.coxswain.streams.cohort;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.streams.rules.trac.Arguments;
import io.coxswain.streams.rules.trac.CohortView;
import io.coxswain.streams.rules.trac.MetricContext;
import io.coxswain.streams.rules.trac.MetricFunction;
import io.coxswain.streams.rules.trac.MetricValue;
import io.coxswain.streams.rules.trac.TracMetricClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Metric class {@code MedianStoppingRule}, Vizier's median stopping rule: at the step s of the run's latest objective
 * point, the run should stop when its best objective so far is strictly worse than the median of the other runs'
 * running averages of the objective up to s (each over its points at or before s; runs with none do not count).
 *
 * <p>Arguments: {@code objective}, {@code mode} (as {@link CohortRank}), {@code min_runs} (other runs that must have
 * reported by s, default 3), {@code grace_steps} (no stop before this step, default 0).
 *
 * <p>Value: {@code {should_stop, why, best, median_of_running_averages (null when not computed), compared (other
 * runs counted), step}}; {@code should_stop} is false during the grace steps and while fewer than {@code min_runs}
 * other runs have reported. No value while the run has no point.
 */
public final class MedianStoppingRule implements TracMetricClass {
    private static final Set<String> ARGUMENTS = Set.of("objective", "mode", "min_runs", "grace_steps");

    @Override
    public String className() {
        return "MedianStoppingRule";
    }

    @Override
    public Optional<String> checkArguments(Map<String, Object> arguments) {
        return Arguments.first(Arguments.onlyKnown(arguments, ARGUMENTS), Objective.check(arguments),
                CohortArguments.integerAtLeast(arguments, "min_runs", 1, false),
                CohortArguments.integerAtLeast(arguments, "grace_steps", 0, false));
    }

    @Override
    public MetricFunction create(Map<String, Object> arguments) {
        return new Median(Objective.of(arguments), (Long) arguments.getOrDefault("min_runs", 3L),
                (Long) arguments.getOrDefault("grace_steps", 0L));
    }

    @Override
    public boolean cohort() {
        return true;
    }

    private record Median(Objective objective, long minRuns, long graceSteps) implements MetricFunction {
        @Override
        public JsonNode apply(JsonNode state, EventEnvelope event) {
            return Cohorts.stateless(state);
        }

        @Override
        public MetricValue value(JsonNode state, MetricContext context) {
            Optional<CohortView> cohort = context.cohort();
            if (cohort.isEmpty()) {
                return MetricValue.missing(Cohorts.noCohort(context));
            }
            Map.Entry<Long, Double> latest = objective.latest(cohort.get(), context.runId());
            if (latest == null) {
                return MetricValue.missing(Cohorts.noPoint(objective, context));
            }
            return MetricValue.of(judge(cohort.get(), context.runId(), latest.getKey()));
        }

        private Map<String, Object> judge(CohortView cohort, String runId, long step) {
            double best = objective.upTo(cohort, runId, step).reduce(objective::best).orElseThrow();
            List<Double> averages = runningAverages(cohort, runId, step);
            long compared = averages.size();
            if (step < graceSteps) {
                return verdict(false, "in grace: step " + step + " < grace_steps " + graceSteps, best, null,
                        compared, step);
            }
            if (compared < minRuns) {
                return verdict(false, "only " + compared + " other run(s) reported " + objective.key() + " by step "
                        + step + "; min_runs is " + minRuns, best, null, compared, step);
            }
            double median = Stats.median(averages);
            boolean stop = objective.better(median, best);
            String why = "best " + objective.key() + " so far " + best
                    + (stop ? " is worse than " : " is not worse than ") + "the median " + median + " of "
                    + compared + " other runs' running averages up to step " + step;
            return verdict(stop, why, best, median, compared, step);
        }

        private List<Double> runningAverages(CohortView cohort, String runId, long step) {
            List<Double> averages = new ArrayList<>();
            for (String other : cohort.runs()) {
                OptionalDouble average = other.equals(runId) ? OptionalDouble.empty()
                        : objective.upTo(cohort, other, step).average();
                average.ifPresent(averages::add);
            }
            return averages;
        }

        private static Map<String, Object> verdict(boolean stop, String why, double best, Double median,
                long compared, long step) {
            return Stats.dict("should_stop", stop, "why", why, "best", best, "median_of_running_averages", median,
                    "compared", compared, "step", step);
        }
    }
}
