package io.coxswain.streams.cohort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.coxswain.protocol.commands.Action;
import io.coxswain.streams.rules.trac.Arguments;
import io.coxswain.streams.rules.trac.CohortView;
import io.coxswain.streams.rules.trac.MetricContext;
import io.coxswain.streams.rules.trac.OperationFunction;
import io.coxswain.streams.rules.trac.TracOperationClass;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Operation class {@code PopulationBasedTraining}, action {@code exploit}: population-based training's exploit and
 * explore step for the run the controller fired for. The cohort is ranked as {@link CohortRank} ranks it (each run's
 * latest objective point at or before this run's latest point). A run in the bottom {@code quantile} (the worst
 * ceil(quantile · n) of n runs) loads the latest checkpoint of a better run in the top quantile and multiplies each
 * parameter of {@code perturb} by one of its factors. The leader and the factors are chosen by a hash of
 * {@code seed}, the run id and the step, so replaying the same events sends the same command. The cohort does not
 * carry other runs' parameters, so the run's own current values are perturbed; an integer parameter is rounded.
 *
 * <p>Arguments: {@code objective}, {@code mode} (as {@link CohortRank}), {@code quantile} (above 0, at most 0.5;
 * default 0.25), {@code perturb} (parameter to non-empty list of positive factors; default
 * {@code {learning_rate: [0.8, 1.2]}}), {@code seed} (integer, default 0).
 *
 * <p>Sends nothing for a run that has no point yet, is alone, or is not in the bottom quantile. Fails (a RuleFailed
 * event) when no leader has saved a checkpoint, or when a parameter to perturb is not a numeric live parameter of
 * the run.
 */
public final class PopulationBasedTraining implements TracOperationClass {
    private static final Set<String> ARGUMENTS = Set.of("objective", "mode", "quantile", "perturb", "seed");
    private static final Map<String, Object> DEFAULT_PERTURB = Map.of("learning_rate", List.of(0.8, 1.2));

    @Override
    public String className() {
        return "PopulationBasedTraining";
    }

    @Override
    public Set<String> actions() {
        return Set.of("exploit");
    }

    @Override
    public Optional<String> checkArguments(Map<String, Object> arguments) {
        return Arguments.first(Arguments.onlyKnown(arguments, ARGUMENTS), Objective.check(arguments),
                CohortArguments.numberAbove(arguments, "quantile", 0, 0.5),
                checkPerturb(arguments.get("perturb")),
                CohortArguments.integerAtLeast(arguments, "seed", Long.MIN_VALUE, false));
    }

    private static Optional<String> checkPerturb(Object perturb) {
        if (perturb == null) {
            return Optional.empty();
        }
        boolean valid = perturb instanceof Map<?, ?> map && !map.isEmpty()
                && map.values().stream().allMatch(PopulationBasedTraining::factors);
        return valid ? Optional.empty() : Optional.of("argument 'perturb' must map each parameter to a non-empty list "
                + "of positive numbers, e.g. {learning_rate: [0.8, 1.2]}, got " + perturb);
    }

    private static boolean factors(Object value) {
        return value instanceof List<?> list && !list.isEmpty() && list.stream()
                .allMatch(f -> CohortArguments.isNumber(f) && ((Number) f).doubleValue() > 0);
    }

    @Override
    public OperationFunction create(Map<String, Object> arguments) {
        Object quantile = arguments.getOrDefault("quantile", 0.25);
        @SuppressWarnings("unchecked")
        Map<String, Object> perturb = (Map<String, Object>) arguments.getOrDefault("perturb", DEFAULT_PERTURB);
        Map<String, List<Double>> factors = new LinkedHashMap<>();
        perturb.forEach((param, list) -> factors.put(param,
                ((List<?>) list).stream().map(f -> ((Number) f).doubleValue()).toList()));
        return new Exploit(Objective.of(arguments), ((Number) quantile).doubleValue(), factors,
                (Long) arguments.getOrDefault("seed", 0L));
    }

    @Override
    public boolean cohort() {
        return true;
    }

    private record Exploit(Objective objective, double quantile, Map<String, List<Double>> perturb, long seed)
            implements OperationFunction {

        @Override
        public List<Action> perform(String action, Map<String, Object> metrics, MetricContext context) {
            CohortView cohort = context.cohort().orElseThrow(() -> new IllegalStateException(
                    "PopulationBasedTraining: " + Cohorts.noCohort(context)));
            Optional<Standing> standing = Standing.of(objective, cohort, context.runId());
            if (standing.isEmpty() || standing.get().others().isEmpty() || !lagging(standing.get())) {
                return List.of();
            }
            String leader = leader(standing.get(), cohort, context);
            List<Action> actions = new ArrayList<>();
            actions.add(new Action.LoadCheckpoint(cohort.latestCheckpoint(leader).path(), leader));
            perturb.forEach((param, factors) -> actions.add(perturbed(param, factors, context)));
            return actions;
        }

        /** How many runs the top and the bottom quantile each hold: ceil(quantile · n), at least 1. */
        private long quantileSize(int size) {
            return Math.max(1, (long) Math.ceil(quantile * size - 1e-9));
        }

        private boolean lagging(Standing standing) {
            return standing.rank() > standing.size() - quantileSize(standing.size());
        }

        /** A run of the top quantile, better than this one, with a checkpoint; chosen by the hash. */
        private String leader(Standing standing, CohortView cohort, MetricContext context) {
            long top = quantileSize(standing.size());
            List<String> leaders = standing.ranking().stream()
                    .filter(e -> standing.rankOf(e.getValue()) <= top
                            && objective.better(e.getValue(), standing.value()))
                    .map(Map.Entry::getKey).toList();
            List<String> withCheckpoint = leaders.stream().filter(run -> cohort.latestCheckpoint(run) != null).toList();
            if (withCheckpoint.isEmpty()) {
                throw new IllegalStateException("PopulationBasedTraining: no run of the top quantile " + leaders
                        + " has saved a checkpoint for run " + context.runId() + " to load");
            }
            return withCheckpoint.get(pick(context, "leader", withCheckpoint.size()));
        }

        private Action perturbed(String param, List<Double> factors, MetricContext context) {
            JsonNode current = context.parameters().get(param);
            if (current == null || !current.isNumber()) {
                throw new IllegalStateException("PopulationBasedTraining: cannot perturb '" + param + "': run "
                        + context.runId() + (current == null ? " has no such live parameter; it has "
                        + new TreeSet<>(context.parameters().keySet()) : "'s value is not a number: " + current));
            }
            double value = current.doubleValue() * factors.get(pick(context, param, factors.size()));
            JsonNode next = current.isIntegralNumber() ? JsonNodeFactory.instance.numberNode(Math.round(value))
                    : JsonNodeFactory.instance.numberNode(value);
            return new Action.SetParameter(param, next);
        }

        /** An index below {@code bound} from the seed, the run, the step and {@code salt}: the same on every replay. */
        private int pick(MetricContext context, String salt, int bound) {
            String key = seed + "\u0000" + context.runId() + "\u0000" + context.step() + "\u0000" + salt;
            long hash = 0xcbf29ce484222325L;
            for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
                hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
            }
            hash ^= hash >>> 33;
            hash *= 0xff51afd7ed558ccdL;
            hash ^= hash >>> 33;
            return (int) Math.floorMod(hash, (long) bound);
        }
    }
}
