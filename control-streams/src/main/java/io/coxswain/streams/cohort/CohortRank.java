package io.coxswain.streams.cohort;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.streams.rules.trac.Arguments;
import io.coxswain.streams.rules.trac.CohortView;
import io.coxswain.streams.rules.trac.MetricContext;
import io.coxswain.streams.rules.trac.MetricFunction;
import io.coxswain.streams.rules.trac.MetricValue;
import io.coxswain.streams.rules.trac.TracMetricClass;
import java.util.Map;
import java.util.Optional;

/**
 * Metric class {@code CohortRank}: where the run stands among the runs of its experiment. At the step of the run's
 * latest objective point, each other run counts with its latest point at or before that step.
 *
 * <p>Arguments: {@code objective} (a cohort series: {@code loss}, the default, or an evaluation metric such as
 * {@code eval_loss}), {@code mode} ({@code min}, the default: lower is better; or {@code max}).
 *
 * <p>Value: {@code {rank (1 = best, equal values share), percentile (100 = best, 0 = worst), size (runs compared,
 * this one included), median, best, value (this run's), step}}; no value while the run has no point or no other run
 * has one at or before its step.
 */
public final class CohortRank implements TracMetricClass {

    @Override
    public String className() {
        return "CohortRank";
    }

    @Override
    public Optional<String> checkArguments(Map<String, Object> arguments) {
        return Arguments.first(Arguments.onlyKnown(arguments, Objective.ARGUMENTS),
                Objective.check(arguments));
    }

    @Override
    public MetricFunction create(Map<String, Object> arguments) {
        return new Rank(Objective.of(arguments));
    }

    @Override
    public boolean cohort() {
        return true;
    }

    private record Rank(Objective objective) implements MetricFunction {
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
            Optional<Standing> standing = Standing.of(objective, cohort.get(), context.runId());
            if (standing.isEmpty()) {
                return MetricValue.missing(Cohorts.noPoint(objective, context));
            }
            Standing s = standing.get();
            if (s.others().isEmpty()) {
                return MetricValue.missing("no other run of the experiment has reported '" + objective.key()
                        + "' at or before step " + s.step() + " yet");
            }
            return MetricValue.of(Stats.dict("rank", s.rank(), "percentile", s.percentile(), "size", (long) s.size(),
                    "median", s.median(), "best", s.best(), "value", s.value(), "step", s.step()));
        }
    }
}
