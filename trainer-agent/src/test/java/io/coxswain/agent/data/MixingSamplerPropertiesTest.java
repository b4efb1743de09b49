package io.coxswain.agent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coxswain.protocol.codec.Json;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class MixingSamplerPropertiesTest {

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Scenarios.any();
    }

    @Property(tries = 300)
    void neverDrawsASampleTwiceWithinASourceEpoch(@ForAll("scenarios") Scenario scenario) {
        List<Integer> sizes = scenario.sizes();
        Map<String, Set<Integer>> drawnPerSourceEpoch = new HashMap<>();
        for (Scenario.Step step : scenario.run()) {
            int base = 0;
            for (int s = 0; s < sizes.size(); s++) {
                int size = sizes.get(s);
                SourcePosition from = step.at().sources().get(s);
                long epoch = from.epoch();
                int offset = from.offset();
                if (scenario.dropLast() && sizes.size() == 1 && step.batchSize() > size - step.at().consumed()) {
                    epoch++; // the remainder was dropped first and the batch comes from the next epoch
                    offset = 0;
                }
                for (int index : step.draw().indices()) {
                    if (index >= base && index < base + size) {
                        boolean fresh = drawnPerSourceEpoch.computeIfAbsent(s + "@" + epoch, k -> new HashSet<>())
                                .add(index - base);
                        assertThat(fresh).as("sample %d of source %d drawn twice in its epoch %d", index, s, epoch)
                                .isTrue();
                        if (++offset == size) {
                            epoch++;
                            offset = 0;
                        }
                    }
                }
                base += size;
            }
        }
    }

    @Property(tries = 300)
    void countsEveryConsumedSampleInTheFractionalEpoch(@ForAll("scenarios") Scenario scenario) {
        int total = scenario.total();
        long trained = 0;
        for (Scenario.Step step : scenario.run()) {
            Draw draw = step.draw();
            trained += draw.indices().length;
            assertThat(draw.samplesSeen()).isEqualTo(trained);
            assertThat(draw.epoch()).isEqualTo((double) (draw.samplesSeen() + draw.samplesDropped()) / total);
            SamplerState next = draw.next();
            assertThat(next.epoch() * total + next.consumed()).isEqualTo(next.samplesSeen() + next.samplesDropped());
            assertThat(draw.trainCoverage()).isEqualTo(draw.epochEnd() ? 1.0 : (double) next.consumed() / total);
            if (draw.epochEnd()) {
                assertThat(draw.epoch()).isEqualTo(Math.rint(draw.epoch()));
            }
        }
    }

    @Property(tries = 300)
    void flagsEachWholeEpochOnceWhenTheCallerAnnouncesItsNextBatchSize(@ForAll("scenarios") Scenario drawn) {
        Scenario scenario = new Scenario(drawn.seed(), drawn.sizes(), drawn.dropLast(), drawn.batchSizes(),
                drawn.weightDigits(), true, drawn.wrongPlans());
        MixingSampler sampler = scenario.sampler();
        long epochEnds = 0;
        for (Scenario.Step step : scenario.run()) {
            assertThat(sampler.fits(step.at(), step.batchSize()) || !scenario.dropLast())
                    .as("with drop_last an announced batch size always fits").isTrue();
            epochEnds += step.draw().epochEnd() ? 1 : 0;
            assertThat(epochEnds).isEqualTo((long) Math.floor(step.draw().epoch()));
        }
    }

    @Property(tries = 300)
    void reportsAnEpochCrossedByAnUnannouncedLargerBatchOnlyThroughEpochAndDrops(
            @ForAll("scenarios") Scenario drawn) {
        Scenario scenario = new Scenario(drawn.seed(), drawn.sizes(), drawn.dropLast(), drawn.batchSizes(),
                drawn.weightDigits(), false, drawn.wrongPlans());
        MixingSampler sampler = scenario.sampler();
        long epochEnds = 0;
        long crossings = 0;
        for (Scenario.Step step : scenario.run()) {
            boolean fits = sampler.fits(step.at(), step.batchSize());
            crossings += !fits && scenario.dropLast() ? 1 : 0;
            epochEnds += step.draw().epochEnd() ? 1 : 0;
            assertThat(epochEnds + crossings).isEqualTo((long) Math.floor(step.draw().epoch()));
        }
    }

    @Property(tries = 300)
    void cutsBatchesAtTheEpochBoundaryAndDropsOnlyRemainders(@ForAll("scenarios") Scenario scenario) {
        int total = scenario.total();
        for (Scenario.Step step : scenario.run()) {
            Draw draw = step.draw();
            int remainderBefore = total - step.at().consumed();
            int length = draw.indices().length;
            long dropped = draw.samplesDropped() - step.at().samplesDropped();
            if (scenario.dropLast()) {
                assertThat(length).isEqualTo(step.batchSize());
                long crossedFirst = step.batchSize() > remainderBefore ? remainderBefore : 0;
                long remainderAfter = total - (crossedFirst > 0 ? 0 : step.at().consumed()) - length;
                assertThat(dropped).isEqualTo(crossedFirst + (draw.epochEnd() ? remainderAfter : 0));
                assertThat(draw.epochEnd()).isEqualTo(remainderAfter < step.nextBatchSize());
            } else {
                assertThat(length).isEqualTo(Math.min(step.batchSize(), remainderBefore));
                assertThat(dropped).isZero();
                assertThat(draw.epochEnd()).isEqualTo(step.batchSize() >= remainderBefore);
            }
            assertThat(java.util.Arrays.stream(draw.indices()).boxed().toList()).isNotEmpty().allMatch(i -> i >= 0 && i < total);
        }
    }

    @Property(tries = 300)
    void composesEachBatchWithinOneSampleOfItsWeights(@ForAll("scenarios") Scenario scenario) {
        List<Integer> sizes = scenario.sizes();
        for (Scenario.Step step : scenario.run()) {
            Draw draw = step.draw();
            double[] weights = new double[sizes.size()];
            double sum = 0;
            for (int s = 0; s < sizes.size(); s++) {
                weights[s] = step.weights() == null ? sizes.get(s)
                        : step.weights().getOrDefault("source-" + s, 0.0);
                sum += weights[s];
            }
            int base = 0;
            int length = draw.indices().length;
            for (int s = 0; s < sizes.size(); s++) {
                int from = base;
                int to = base + sizes.get(s);
                long inBatch = java.util.Arrays.stream(draw.indices()).filter(i -> i >= from && i < to).count();
                assertThat(draw.sourceCounts().get("source-" + s)).isEqualTo((int) inBatch);
                double quota = sizes.size() == 1 ? length : weights[s] / sum * length;
                assertThat((double) inBatch).isCloseTo(quota, within(1.0 - 1e-9));
                base = to;
            }
        }
    }

    @Property(tries = 200)
    void drawsTheSameBatchesForTheSameSeedAndSequence(@ForAll("scenarios") Scenario scenario) {
        assertThat(scenario.run()).isEqualTo(scenario.run());
    }

    @Property(tries = 200)
    void continuesWithIdenticalDrawsFromAStateWrittenToJsonAndReadBack(
            @ForAll("scenarios") Scenario scenario, @ForAll @IntRange(min = 0, max = 40) int stopAt) throws Exception {
        List<Scenario.Step> uninterrupted = scenario.run();
        int cut = Math.min(stopAt, uninterrupted.size() - 1);
        SamplerState saved = uninterrupted.get(cut).at();

        String json = Json.mapper().writeValueAsString(saved);
        SamplerState restored = Json.mapper().readValue(json, SamplerState.class);
        List<Scenario.Step> resumed = scenario.run(scenario.sampler(), restored, cut, 3000);

        assertThat(restored).isEqualTo(saved);
        assertThat(resumed).isEqualTo(uninterrupted.subList(cut, uninterrupted.size()));
    }

    @Property(tries = 200)
    void reportsEachSourcesCoverageOfItsOwnEpoch(@ForAll("scenarios") Scenario scenario) {
        for (Scenario.Step step : scenario.run()) {
            Draw draw = step.draw();
            if (scenario.sizes().size() == 1) {
                assertThat(draw.sourceCoverage()).isNull();
                continue;
            }
            for (int s = 0; s < scenario.sizes().size(); s++) {
                SourcePosition before = step.at().sources().get(s);
                SourcePosition after = draw.next().sources().get(s);
                double expected = after.offset() == 0 && after.epoch() > before.epoch() ? 1.0
                        : (double) after.offset() / scenario.sizes().get(s);
                assertThat(draw.sourceCoverage().get("source-" + s)).isEqualTo(expected);
            }
        }
    }
}
