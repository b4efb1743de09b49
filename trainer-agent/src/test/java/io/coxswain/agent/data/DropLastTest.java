package io.coxswain.agent.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.agent.workload.DataSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropLastTest {
    private final MixingSampler sampler = new MixingSampler(3L, List.of(new DataSource("train", 10)), true);
    private final SamplerState start = SamplerState.start(sampler.sources());

    @Test
    void dropsARemainderSmallerThanTheNextBatchRightAfterTheDrawBeforeIt() {
        Draw first = sampler.draw(start, 4, null, 4);
        Draw second = sampler.draw(first.next(), 4, null, 4);

        assertThat(first.epochEnd()).isFalse();
        assertThat(second.epochEnd()).isTrue();
        assertThat(second.trainCoverage()).isEqualTo(1.0);
        assertThat(second.epoch()).isEqualTo(1.0);
        assertThat(second.samplesSeen()).isEqualTo(8);
        assertThat(second.samplesDropped()).isEqualTo(2);
        assertThat(second.next()).isEqualTo(new SamplerState(1, 0, List.of(new SourcePosition("train", 1, 0)), 8, 2));
    }

    @Test
    void keepsARemainderThatTheAnnouncedNextBatchFits() {
        Draw first = sampler.draw(start, 4, null, 4);
        Draw second = sampler.draw(first.next(), 4, null, 2);
        Draw third = sampler.draw(second.next(), 2, null, 4);

        assertThat(second.epochEnd()).isFalse();
        assertThat(third.indices()).hasSize(2);
        assertThat(third.epochEnd()).isTrue();
        assertThat(third.samplesDropped()).isZero();
        assertThat(third.epoch()).isEqualTo(1.0);
    }

    @Test
    void takesAnUnannouncedLargerBatchFromTheNextEpochAndShowsTheDropOnlyInTheCounters() {
        Draw first = sampler.draw(start, 4, null, 4);
        Draw second = sampler.draw(first.next(), 4, null, 2);
        assertThat(sampler.fits(second.next(), 4)).isFalse();

        Draw third = sampler.draw(second.next(), 4, null, 4);

        assertThat(third.indices()).hasSize(4);
        assertThat(third.epochEnd()).isFalse();
        assertThat(third.samplesDropped()).isEqualTo(2);
        assertThat(third.epoch()).isEqualTo(1.4);
        assertThat(third.trainCoverage()).isEqualTo(0.4);
        assertThat(third.next()).isEqualTo(new SamplerState(1, 4, List.of(new SourcePosition("train", 1, 4)), 12, 2));
    }

    @Test
    void cutsTheLastBatchShortWithoutDropLast() {
        MixingSampler keeping = new MixingSampler(3L, List.of(new DataSource("train", 10)), false);
        Draw first = keeping.draw(start, 4, null, 4);
        Draw second = keeping.draw(first.next(), 4, null, 4);
        Draw third = keeping.draw(second.next(), 4, null, 4);

        assertThat(second.epochEnd()).isFalse();
        assertThat(third.indices()).hasSize(2);
        assertThat(third.epochEnd()).isTrue();
        assertThat(third.samplesDropped()).isZero();
        assertThat(third.epoch()).isEqualTo(1.0);
    }

    @Test
    void dropsInMixedRunsWithoutMovingAnySource() {
        MixingSampler mixed = new MixingSampler(3L, List.of(new DataSource("a", 6), new DataSource("b", 4)), true);
        Draw first = mixed.draw(SamplerState.start(mixed.sources()), 4, null, 4);
        Draw second = mixed.draw(first.next(), 4, null, 4);

        assertThat(second.epochEnd()).isTrue();
        assertThat(second.samplesDropped()).isEqualTo(2);
        assertThat(second.next().epoch()).isEqualTo(1);
        assertThat(second.next().sources()).containsExactly(new SourcePosition("a", 0, 4),
                new SourcePosition("b", 1, 0));
    }
}
