package io.coxswain.agent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.coxswain.agent.workload.DataSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MixtureTest {
    private final MixingSampler sampler = new MixingSampler(11L,
            List.of(new DataSource("clean", 100), new DataSource("noisy", 50), new DataSource("synthetic", 20)),
            false);
    private final SamplerState start = SamplerState.start(sampler.sources());

    @Test
    void composesTheBatchByLargestRemainderWithTiesToTheEarlierSource() {
        Draw draw = sampler.draw(start, 5, Map.of("clean", 1.0, "noisy", 1.0, "synthetic", 1.0), 5);

        assertThat(draw.sourceCounts()).containsExactly(entry("clean", 2), entry("noisy", 2), entry("synthetic", 1));
    }

    @Test
    void givesTheSamplesLeftToTheLargestFractions() {
        Draw draw = sampler.draw(start, 10, Map.of("clean", 0.15, "noisy", 0.6, "synthetic", 0.25), 10);

        // quotas 1.5, 6, 2.5: floors 1, 6, 2, and the one left goes to clean (tie with synthetic, earlier source)
        assertThat(draw.sourceCounts()).containsExactly(entry("clean", 2), entry("noisy", 6), entry("synthetic", 2));
    }

    @Test
    void leavesOutSourcesWithWeightZeroOrNoWeight() {
        Draw draw = sampler.draw(start, 30, Map.of("clean", 0.0, "noisy", 2.0), 30);

        assertThat(draw.sourceCounts()).containsExactly(entry("clean", 0), entry("noisy", 30), entry("synthetic", 0));
        assertThat(java.util.Arrays.stream(draw.indices()).boxed().toList()).allMatch(i -> i >= 100 && i < 150);
        assertThat(draw.sourceCoverage()).containsExactly(entry("clean", 0.0), entry("noisy", 0.6),
                entry("synthetic", 0.0));
    }

    @Test
    void mixesInProportionToSizeWithoutWeights() {
        Draw draw = sampler.draw(start, 17, null, 17);

        assertThat(draw.sourceCounts()).containsExactly(entry("clean", 10), entry("noisy", 5), entry("synthetic", 2));
    }

    @Test
    void startsASourcesNextEpochWithinABatchWhenItRunsOut() {
        Draw draw = sampler.draw(start, 50, Map.of("synthetic", 1.0), 50);

        assertThat(java.util.Arrays.stream(draw.indices()).boxed().toList()).allMatch(i -> i >= 150 && i < 170);
        assertThat(draw.next().sources().get(2)).isEqualTo(new SourcePosition("synthetic", 2, 10));
        assertThat(draw.sourceCoverage()).containsEntry("synthetic", 0.5);
    }

    @Test
    void reportsFullCoverageOfASourceEpochThatEndsWithTheBatch() {
        Draw draw = sampler.draw(start, 20, Map.of("synthetic", 1.0), 20);

        assertThat(draw.sourceCoverage()).containsEntry("synthetic", 1.0);
        assertThat(draw.next().sources().get(2)).isEqualTo(new SourcePosition("synthetic", 1, 0));
    }

    @Test
    void rejectsAWeightForAnUnknownSource() {
        assertThatThrownBy(() -> sampler.draw(start, 4, Map.of("clean", 1.0, "dirty", 1.0), 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'dirty'").hasMessageContaining("clean, noisy, synthetic");
    }

    @Test
    void rejectsWeightsThatAreAllZero() {
        assertThatThrownBy(() -> sampler.draw(start, 4, Map.of("clean", 0.0, "noisy", 0.0), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no data source a weight above 0");
        assertThatThrownBy(() -> sampler.draw(start, 4, Map.of(), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no data source a weight above 0");
    }

    @Test
    void rejectsNegativeNaNInfiniteAndMissingWeights() {
        Map<String, Double> missing = new HashMap<>();
        missing.put("noisy", null);
        for (Map<String, Double> weights : List.of(Map.of("clean", -1.0), Map.of("clean", Double.NaN),
                Map.of("clean", Double.POSITIVE_INFINITY), missing)) {
            assertThatThrownBy(() -> sampler.draw(start, 4, weights, 4))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mixture weight of data source")
                    .hasMessageContaining(String.valueOf(weights.values().iterator().next()));
        }
    }

    @Test
    void cyclesEachSourceThroughItsOwnPermutations() {
        MixingSampler twins = new MixingSampler(5L, List.of(new DataSource("a", 50), new DataSource("b", 50)), false);

        Draw draw = twins.draw(SamplerState.start(twins.sources()), 100, Map.of("a", 1.0, "b", 1.0), 100);

        int[] fromA = java.util.Arrays.copyOfRange(draw.indices(), 0, 50);
        int[] fromB = java.util.Arrays.stream(draw.indices(), 50, 100).map(i -> i - 50).toArray();
        assertThat(fromA).isNotEqualTo(fromB);
        assertThat(fromA).containsExactlyInAnyOrder(fromB);
    }
}
