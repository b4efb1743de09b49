package io.coxswain.streams.cohort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.OptionalLong;
import java.util.Set;

/**
 * Metric class {@code SuccessiveHalving}: asynchronous successive halving (ASHA). Rungs lie at steps r, r·eta,
 * r·eta², ... (at most {@code max_steps}). A run reports at a rung with its first objective point at or after the
 * rung's step. When it does, it is promoted if its value is among the best ceil(n / eta) of the n runs that have
 * reported at that rung so far (itself included), and should stop otherwise. The decision is taken once, against the
 * runs seen at that moment, and kept in the run's state: runs reporting later do not change it. After a stop no
 * higher rung is decided.
 *
 * <p>Arguments: {@code objective}, {@code mode} (as {@link CohortRank}), {@code min_steps} (r, required),
 * {@code eta} (default 3), {@code max_steps} (optional: no rung above it).
 *
 * <p>Value: {@code {rung (index of the latest rung decided, 0 = r), rung_step, promoted, should_stop, rank (at the
 * rung, when decided), reported_at_rung (runs compared then, this one included), next_rung_step}}; before the first
 * rung the rung fields are null and {@code should_stop} is false, between rungs {@code should_stop} is false.
 */
public final class SuccessiveHalving implements TracMetricClass {
    private static final Set<String> ARGUMENTS = Set.of("objective", "mode", "min_steps", "eta", "max_steps");

    @Override
    public String className() {
        return "SuccessiveHalving";
    }

    @Override
    public Optional<String> checkArguments(Map<String, Object> arguments) {
        return Arguments.first(Arguments.onlyKnown(arguments, ARGUMENTS), Objective.check(arguments),
                CohortArguments.integerAtLeast(arguments, "min_steps", 1, true),
                CohortArguments.integerAtLeast(arguments, "eta", 2, false),
                CohortArguments.integerAtLeast(arguments, "max_steps", 1, false),
                maxNotBelowMin(arguments));
    }

    private static Optional<String> maxNotBelowMin(Map<String, Object> arguments) {
        Object max = arguments.get("max_steps");
        Object min = arguments.get("min_steps");
        return max instanceof Long m && min instanceof Long r && m < r
                ? Optional.of("argument 'max_steps' (" + m + ") must not be below 'min_steps' (" + r + ")")
                : Optional.empty();
    }

    @Override
    public MetricFunction create(Map<String, Object> arguments) {
        return new Halving(Objective.of(arguments), (Long) arguments.get("min_steps"),
                (Long) arguments.getOrDefault("eta", 3L), (Long) arguments.getOrDefault("max_steps", Long.MAX_VALUE));
    }

    @Override
    public boolean cohort() {
        return true;
    }

    /** The decision at one rung, as kept in the run's state. */
    record Decision(long rung, long rungStep, long step, double value, boolean promoted, long rank, long reported) {
        ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("rung", rung).put("rung_step", rungStep).put("step", step).put("value", value)
                    .put("promoted", promoted).put("rank", rank).put("reported_at_rung", reported);
            return node;
        }

        static Decision fromJson(JsonNode node) {
            return new Decision(node.path("rung").asLong(), node.path("rung_step").asLong(), node.path("step").asLong(),
                    node.path("value").asDouble(), node.path("promoted").asBoolean(), node.path("rank").asLong(),
                    node.path("reported_at_rung").asLong());
        }
    }

    private record Halving(Objective objective, long minSteps, long eta, long maxSteps) implements MetricFunction {

        @Override
        public JsonNode apply(JsonNode state, EventEnvelope event) {
            return Cohorts.stateless(state);
        }

        @Override
        public JsonNode apply(JsonNode state, EventEnvelope event, MetricContext context) {
            if (context.cohort().isEmpty()) {
                return Cohorts.stateless(state);
            }
            CohortView cohort = context.cohort().get();
            Map.Entry<Long, Double> latest = objective.latest(cohort, context.runId());
            List<Decision> decisions = decisions(state);
            int before = decisions.size();
            OptionalLong next = nextRung(decisions);
            while (latest != null && next.isPresent() && next.getAsLong() <= latest.getKey()) {
                decisions.add(decide(cohort, context.runId(), decisions.size(), next.getAsLong()));
                next = nextRung(decisions);
            }
            return decisions.size() == before ? Cohorts.stateless(state) : toState(decisions);
        }

        @Override
        public MetricValue value(JsonNode state, MetricContext context) {
            if (context.cohort().isEmpty()) {
                return MetricValue.missing(Cohorts.noCohort(context));
            }
            List<Decision> decisions = decisions(state);
            Long next = boxed(nextRung(decisions));
            if (decisions.isEmpty()) {
                return MetricValue.of(Stats.dict("rung", null, "rung_step", null, "promoted", null,
                        "should_stop", false, "rank", null, "reported_at_rung", null, "next_rung_step", next));
            }
            Decision last = decisions.get(decisions.size() - 1);
            return MetricValue.of(Stats.dict("rung", last.rung(), "rung_step", last.rungStep(),
                    "promoted", last.promoted(), "should_stop", !last.promoted(), "rank", last.rank(),
                    "reported_at_rung", last.reported(), "next_rung_step", next));
        }

        /** The step of the next rung to decide: none after a stop, above {@code max_steps} or past long's range. */
        private OptionalLong nextRung(List<Decision> decisions) {
            if (!decisions.isEmpty() && !decisions.get(decisions.size() - 1).promoted()) {
                return OptionalLong.empty();
            }
            long step = minSteps;
            for (int rung = 0; rung < decisions.size(); rung++) {
                if (step > maxSteps / eta) {
                    return OptionalLong.empty();
                }
                step *= eta;
            }
            return step <= maxSteps ? OptionalLong.of(step) : OptionalLong.empty();
        }

        private Decision decide(CohortView cohort, String runId, int rung, long rungStep) {
            Map.Entry<Long, Double> own = objective.atOrAfter(cohort, runId, rungStep);
            long better = 0;
            long reported = 1;
            for (String other : cohort.runs()) {
                Map.Entry<Long, Double> point = other.equals(runId) ? null
                        : objective.atOrAfter(cohort, other, rungStep);
                if (point != null) {
                    reported++;
                    better += objective.better(point.getValue(), own.getValue()) ? 1 : 0;
                }
            }
            long keep = Math.max(1, (reported + eta - 1) / eta);
            return new Decision(rung, rungStep, own.getKey(), own.getValue(), better + 1 <= keep, better + 1,
                    reported);
        }

        private static List<Decision> decisions(JsonNode state) {
            List<Decision> decisions = new ArrayList<>();
            if (state != null) {
                state.path("decisions").forEach(node -> decisions.add(Decision.fromJson(node)));
            }
            return decisions;
        }

        private static JsonNode toState(List<Decision> decisions) {
            ObjectNode state = JsonNodeFactory.instance.objectNode();
            ArrayNode array = state.putArray("decisions");
            decisions.forEach(d -> array.add(d.toJson()));
            return state;
        }

        private static Long boxed(OptionalLong value) {
            return value.isPresent() ? value.getAsLong() : null;
        }
    }
}
