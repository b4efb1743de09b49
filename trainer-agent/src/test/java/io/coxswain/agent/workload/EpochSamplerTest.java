package io.coxswain.agent.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class EpochSamplerTest {

    @Property
    void drawsEverySampleExactlyOncePerEpochWhateverTheBatchSizes(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 300) int size,
            @ForAll @Size(min = 1, max = 50) List<@IntRange(min = 1, max = 64) Integer> batchSizes) {
        EpochSampler sampler = new EpochSampler(seed, size);
        SamplerPosition position = SamplerPosition.START;
        for (long epoch = 0; epoch < 3; epoch++) {
            List<Integer> drawn = new ArrayList<>();
            int draws = 0;
            while (true) {
                Draw draw = sampler.draw(position, batchSizes.get(draws++ % batchSizes.size()));
                assertThat(draw.epoch()).isEqualTo(epoch);
                for (int index : draw.indices()) {
                    drawn.add(index);
                }
                assertThat(draw.coverage()).isEqualTo((double) drawn.size() / size);
                position = draw.next();
                if (draw.epochEnd()) {
                    break;
                }
            }
            assertThat(drawn).hasSize(size).doesNotHaveDuplicates().allMatch(i -> i >= 0 && i < size);
            assertThat(position).isEqualTo(new SamplerPosition(epoch + 1, 0));
        }
    }

    @Property
    void drawsTheSameMinibatchesForTheSameSeedAndPosition(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 500) int size,
            @ForAll @IntRange(min = 0, max = 5) int epoch,
            @ForAll @IntRange(min = 1, max = 64) int batchSize) {
        SamplerPosition at = new SamplerPosition(epoch, 0);

        assertThat(new EpochSampler(seed, size).draw(at, batchSize).indices())
                .isEqualTo(new EpochSampler(seed, size).draw(at, batchSize).indices());
    }

    @Property
    void neverCarriesAMinibatchAcrossAnEpochBoundary(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 300) int size,
            @ForAll @IntRange(min = 1, max = 400) int batchSize,
            @ForAll @IntRange(min = 0, max = 299) int offset) {
        int at = offset % size;
        Draw draw = new EpochSampler(seed, size).draw(new SamplerPosition(0, at), batchSize);

        assertThat(draw.indices()).hasSize(Math.min(batchSize, size - at));
        assertThat(draw.epochEnd()).isEqualTo(at + batchSize >= size);
    }
}
