package io.coxswain.agent.data;

import io.coxswain.agent.workload.DataSource;
import java.util.List;

/**
 * Where a run stands in its data: an immutable value that {@link MixingSampler} turns into the next one, and that a
 * checkpoint stores as JSON. Every sample consumed, trained or dropped, counts towards the global epoch, so
 * {@code epoch * N + consumed == samplesSeen + samplesDropped} where N is the total size of the sources.
 *
 * @param epoch          the global epoch being drawn, from 0
 * @param consumed       samples of the current global epoch consumed so far, in {@code [0, N)}
 * @param sources        each source's own position, in the sampler's source order
 * @param samplesSeen    samples trained on since the run started
 * @param samplesDropped samples consumed without training since the run started (drop_last remainders, epochs cut
 *                       short by {@link MixingSampler#skipEpoch})
 */
public record SamplerState(long epoch, int consumed, List<SourcePosition> sources, long samplesSeen,
                           long samplesDropped) {
    public SamplerState {
        if (epoch < 0) {
            throw new IllegalArgumentException("sampler epoch must be >= 0, got " + epoch);
        }
        if (consumed < 0) {
            throw new IllegalArgumentException("samples consumed in the epoch must be >= 0, got " + consumed);
        }
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException("a sampler state needs the position of at least one source");
        }
        sources = List.copyOf(sources);
        if (samplesSeen < 0) {
            throw new IllegalArgumentException("samplesSeen must be >= 0, got " + samplesSeen);
        }
        if (samplesDropped < 0) {
            throw new IllegalArgumentException("samplesDropped must be >= 0, got " + samplesDropped);
        }
    }

    /** The state of a run that has drawn nothing yet. */
    public static SamplerState start(List<DataSource> sources) {
        return new SamplerState(0, 0, sources.stream().map(s -> new SourcePosition(s.name(), 0, 0)).toList(), 0, 0);
    }
}
