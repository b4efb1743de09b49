package io.coxswain.agent.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.agent.workload.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SingleSourceSamplerTest {

    @Provide
    Arbitrary<Scenario> keepingTheLast() {
        return Scenarios.singleSource(false);
    }

    @Provide
    Arbitrary<Scenario> droppingTheLast() {
        return Scenarios.singleSource(true);
    }

    @Property(tries = 300)
    void drawsAPermutationOfTheSourceEachEpochAndEndsItAtWholeCoverage(
            @ForAll("keepingTheLast") Scenario scenario) {
        int size = scenario.total();
        List<Integer> drawn = new ArrayList<>();
        long epochsEnded = 0;
        for (Scenario.Step step : scenario.run()) {
            assertThat(step.at().epoch()).isEqualTo(epochsEnded);
            for (int index : step.draw().indices()) {
                drawn.add(index);
            }
            if (step.draw().epochEnd()) {
                epochsEnded++;
                assertThat(drawn).containsExactlyInAnyOrderElementsOf(IntStream.range(0, size).boxed().toList());
                assertThat(step.draw().trainCoverage()).isEqualTo(1.0);
                assertThat(step.draw().epoch()).isEqualTo((double) epochsEnded);
                drawn.clear();
            } else {
                assertThat(step.draw().trainCoverage()).isEqualTo((double) drawn.size() / size);
            }
        }
        assertThat(epochsEnded).isEqualTo(3);
    }

    @Property(tries = 300)
    void dropsTheRemainderWithTheSourceSoEachSampleIsTrainedOrDroppedOncePerEpoch(
            @ForAll("droppingTheLast") Scenario scenario) {
        int size = scenario.total();
        List<Integer> drawn = new ArrayList<>();
        for (Scenario.Step step : scenario.run()) {
            int remainderBefore = size - step.at().consumed();
            long droppedFirst = step.batchSize() > remainderBefore ? remainderBefore : 0;
            if (step.at().consumed() == 0 || droppedFirst > 0) {
                drawn.clear();
            }
            for (int index : step.draw().indices()) {
                drawn.add(index);
            }
            assertThat(drawn).doesNotHaveDuplicates();
            if (step.draw().epochEnd()) {
                long droppedAtEnd = step.draw().samplesDropped() - step.at().samplesDropped() - droppedFirst;
                assertThat(drawn.size() + droppedAtEnd).isEqualTo(size);
                assertThat(step.draw().next().sources().get(0))
                        .isEqualTo(new SourcePosition("source-0", step.draw().next().epoch(), 0));
            }
        }
    }

    @Example
    void keepsTheOrderOfExistingRuns() {
        MixingSampler sampler = new MixingSampler(42L, List.of(new DataSource("train", 10)), false);
        SamplerState start = SamplerState.start(sampler.sources());

        Draw first = sampler.draw(start, 10, null, 10);
        Draw second = sampler.draw(first.next(), 6, null, 4);
        Draw third = sampler.draw(second.next(), 4, null, 4);

        assertThat(first.indices()).containsExactly(0, 4, 1, 2, 7, 8, 9, 5, 3, 6);
        assertThat(second.indices()).containsExactly(2, 8, 1, 3, 5, 9);
        assertThat(third.indices()).containsExactly(0, 4, 7, 6);
    }

    @Example
    void keepsTheOrderOfALaterEpochOfExistingRuns() {
        MixingSampler sampler = new MixingSampler(-7L, List.of(new DataSource("train", 7)), false);
        SamplerState atEpochThree = new SamplerState(3, 0, List.of(new SourcePosition("train", 3, 0)), 21, 0);

        assertThat(sampler.draw(atEpochThree, 7, null, 7).indices()).containsExactly(5, 0, 2, 1, 3, 6, 4);
    }

    @Example
    void reportsNoPerSourceCoverageButCountsTheBatch() {
        MixingSampler sampler = new MixingSampler(1L, List.of(new DataSource("train", 10)), false);

        Draw draw = sampler.draw(SamplerState.start(sampler.sources()), 4, null, 4);

        assertThat(draw.sourceCoverage()).isNull();
        assertThat(draw.sourceCounts()).containsExactly(java.util.Map.entry("train", 4));
        assertThat(draw.trainCoverage()).isEqualTo(0.4);
        assertThat(draw.next()).isEqualTo(new SamplerState(0, 4, List.of(new SourcePosition("train", 0, 4)), 4, 0));
    }
}
