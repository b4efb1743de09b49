package io.coxswain.agent.data;

import io.coxswain.agent.workload.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run of draws for the properties: sources of the given sizes, batch sizes and weights cycling through the given
 * lists (clamped to [1, N]), and a caller that either announces its real next batch size (honours the plan) or an
 * unrelated one.
 */
record Scenario(long seed, List<Integer> sizes, boolean dropLast, List<Integer> batchSizes, List<Integer> weightDigits,
                boolean honoursPlan, List<Integer> wrongPlans) {

    /** One draw and what it was asked. */
    record Step(SamplerState at, int batchSize, Map<String, Double> weights, int nextBatchSize, Draw draw) {
    }

    List<DataSource> sources() {
        List<DataSource> sources = new ArrayList<>();
        for (int s = 0; s < sizes.size(); s++) {
            sources.add(new DataSource("source-" + s, sizes.get(s)));
        }
        return sources;
    }

    int total() {
        return sizes.stream().mapToInt(Integer::intValue).sum();
    }

    MixingSampler sampler() {
        return new MixingSampler(seed, sources(), dropLast);
    }

    int batchSize(int draw) {
        return 1 + (batchSizes.get(draw % batchSizes.size()) - 1) % total();
    }

    int plannedNext(int draw) {
        return honoursPlan ? batchSize(draw + 1) : 1 + (wrongPlans.get(draw % wrongPlans.size()) - 1) % total();
    }

    /** Weights 0..4 per source, at least one above 0; null (proportional to size) on every seventh draw. */
    Map<String, Double> weights(int draw) {
        if (draw % 7 == 6) {
            return null;
        }
        Map<String, Double> weights = new HashMap<>();
        boolean any = false;
        for (int s = 0; s < sizes.size(); s++) {
            int digit = weightDigits.get((draw * 3 + s) % weightDigits.size());
            any |= digit > 0;
            if (digit > 0 || s % 2 == 0) { // odd sources with weight 0 are left out of the map
                weights.put("source-" + s, (double) digit);
            }
        }
        if (!any) {
            weights.put("source-0", 1.0);
        }
        return weights;
    }

    /** Draws from {@code from} until three whole epochs are consumed (at most {@code maxDraws} draws). */
    List<Step> run(MixingSampler sampler, SamplerState from, int firstDraw, int maxDraws) {
        List<Step> steps = new ArrayList<>();
        SamplerState at = from;
        for (int i = firstDraw; i < firstDraw + maxDraws && at.epoch() < 3; i++) {
            Step step = step(sampler, at, i);
            steps.add(step);
            at = step.draw().next();
        }
        return steps;
    }

    Step step(MixingSampler sampler, SamplerState at, int draw) {
        int batchSize = batchSize(draw);
        Map<String, Double> weights = weights(draw);
        int next = plannedNext(draw);
        return new Step(at, batchSize, weights, next, sampler.draw(at, batchSize, weights, next));
    }

    List<Step> run() {
        MixingSampler sampler = sampler();
        return run(sampler, SamplerState.start(sampler.sources()), 0, 3000);
    }
}
