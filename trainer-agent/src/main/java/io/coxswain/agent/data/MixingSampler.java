package io.coxswain.agent.data;

import io.coxswain.agent.workload.DataSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Minibatch order of a run over one or more data sources, exact to the sample: a draw is a pure function of the
 * seed, the sources, the {@link SamplerState} and its arguments, so a run resumed from a checkpointed state draws
 * the same batches as one that never stopped.
 *
 * <p><b>Index space.</b> Sources share one global index space in the order given: source 0 has indices
 * {@code 0..size0-1}, source 1 follows, and so on.
 *
 * <p><b>Global epoch.</b> The global epoch is N = the sum of the sources' sizes, counted in samples consumed, trained
 * or dropped. Batches are cut at the global epoch boundary: no batch holds samples of two global epochs. The draw's
 * {@code epoch} is {@code (samplesSeen + samplesDropped) / N}, a whole number exactly when an epoch ends, and its
 * {@code trainCoverage} is the fraction of the current epoch consumed, exactly 1.0 on the draw that ends it.
 *
 * <p><b>One source.</b> The source's cycle is the global epoch: each epoch is a seeded Fisher-Yates shuffle of
 * {@code 0..N-1}, the same order as the former single-source {@code EpochSampler}, cut into consecutive batches, so
 * each sample is drawn exactly once per epoch. A drop moves the source to its next epoch too.
 *
 * <p><b>Several sources.</b> Each source cycles through its own seeded permutations independently, so each of its
 * samples is drawn exactly once per source epoch, whatever the weights. The weights of a draw set the batch's
 * composition (see {@link Composition}): normalized over the sources with weight above 0, counts by largest
 * remainder of {@code w_s * B}, ties to the earlier source. A source's epochs need not line up with the global
 * epoch: with weights that differ from the sources' sizes, one source cycles faster than another. Null weights mean
 * weights proportional to the sources' sizes. A drop only counts samples: no source position moves.
 *
 * <p><b>drop_last off.</b> The last batch of an epoch is shorter when the batch size does not divide what is left,
 * and ends the epoch exactly.
 *
 * <p><b>drop_last on.</b> A batch is never short. After drawing, if the remainder r of the epoch is
 * {@code 0 < r < nextBatchSize} (the size the caller plans for its next step), the remainder is dropped at once:
 * counted in {@code samplesDropped}, and this draw reports {@code epochEnd} with {@code trainCoverage} 1.0. If a draw
 * is nevertheless asked for more than the remainder (the caller's plan changed), the remainder is dropped first and
 * the batch comes from the next epoch; that draw then reports the previous epoch's end only through {@code epoch}
 * and {@code samplesDropped}, not through {@code epochEnd}. A caller that checks {@link #fits} before changing the
 * batch size, or passes the right {@code nextBatchSize}, never meets this case.
 *
 * <p>Instances keep the latest permutation of each source (each source epoch is shuffled once while a run moves
 * forward) and are safe to share between threads.
 */
public final class MixingSampler {
    private final List<DataSource> sources;
    private final boolean dropLast;
    private final int size;
    private final int[] sizes;
    private final int[] bases;
    private final SourceOrders orders;

    public MixingSampler(long seed, List<DataSource> sources, boolean dropLast) {
        if (sources == null || sources.isEmpty()) {
            throw new IllegalArgumentException("a sampler needs at least one data source");
        }
        this.sources = List.copyOf(sources);
        this.dropLast = dropLast;
        this.sizes = new int[this.sources.size()];
        this.bases = new int[this.sources.size()];
        Set<String> names = new HashSet<>();
        long total = 0;
        for (int s = 0; s < sizes.length; s++) {
            DataSource source = this.sources.get(s);
            if (!names.add(source.name())) {
                throw new IllegalArgumentException("data source '" + source.name() + "' is listed twice");
            }
            sizes[s] = source.trainSize();
            bases[s] = (int) Math.min(total, Integer.MAX_VALUE);
            total += source.trainSize();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the data sources hold " + total + " samples together, more than the "
                    + Integer.MAX_VALUE + " global indices can address");
        }
        this.size = (int) total;
        this.orders = new SourceOrders(seed, sizes);
    }

    /** N: the samples of one global epoch, all sources together. */
    public int size() {
        return size;
    }

    public List<DataSource> sources() {
        return sources;
    }

    public boolean dropLast() {
        return dropLast;
    }

    /** Whether a batch of {@code batchSize} fits in what is left of the state's epoch, so it would not be cut short. */
    public boolean fits(SamplerState at, int batchSize) {
        check(at);
        checkBatchSize("batch size", batchSize);
        return batchSize <= size - at.consumed();
    }

    /**
     * The next batch.
     *
     * @param at            where the run stands
     * @param batchSize     samples wanted, in {@code [1, N]}
     * @param weights       mixture weight per source name (missing = 0), or null for weights proportional to size
     * @param nextBatchSize the size the caller plans for its next draw, in {@code [1, N]}; with drop_last it decides
     *                      whether the epoch's remainder is dropped now
     * @throws IllegalArgumentException for a batch size out of range, bad weights, or a state that does not match
     *                                  the sources
     */
    public Draw draw(SamplerState at, int batchSize, Map<String, Double> weights, int nextBatchSize) {
        check(at);
        checkBatchSize("batch size", batchSize);
        checkBatchSize("next batch size", nextBatchSize);
        double[] mixture = Composition.weights(sources, weights);

        long epoch = at.epoch();
        int consumed = at.consumed();
        long dropped = at.samplesDropped();
        long[] sourceEpochs = new long[sizes.length];
        int[] offsets = new int[sizes.length];
        for (int s = 0; s < sizes.length; s++) {
            sourceEpochs[s] = at.sources().get(s).epoch();
            offsets[s] = at.sources().get(s).offset();
        }

        int take = batchSize;
        if (batchSize > size - consumed) {
            if (dropLast) {
                dropped += size - consumed;
                epoch++;
                consumed = 0;
                if (single()) {
                    sourceEpochs[0] = epoch;
                    offsets[0] = 0;
                }
            } else {
                take = size - consumed;
            }
        }

        int[] counts = single() ? new int[] {take} : Composition.counts(mixture, take);
        int[] indices = new int[take];
        boolean[] sourceEnded = new boolean[sizes.length];
        int filled = 0;
        for (int s = 0; s < sizes.length; s++) {
            for (int left = counts[s]; left > 0; ) {
                int[] order = orders.of(s, sourceEpochs[s]);
                int n = Math.min(left, sizes[s] - offsets[s]);
                for (int i = 0; i < n; i++) {
                    indices[filled++] = bases[s] + order[offsets[s] + i];
                }
                offsets[s] += n;
                left -= n;
                sourceEnded[s] = offsets[s] == sizes[s];
                if (sourceEnded[s]) {
                    sourceEpochs[s]++;
                    offsets[s] = 0;
                }
            }
        }

        consumed += take;
        long seen = at.samplesSeen() + take;
        int remainder = size - consumed;
        boolean epochEnd = remainder == 0 || (dropLast && remainder < nextBatchSize);
        if (epochEnd) {
            dropped += remainder;
            epoch++;
            consumed = 0;
            if (single()) {
                sourceEpochs[0] = epoch;
                offsets[0] = 0;
                sourceEnded[0] = true;
            }
        }

        List<SourcePosition> positions = new ArrayList<>(sizes.length);
        Map<String, Integer> sourceCounts = new LinkedHashMap<>();
        Map<String, Double> sourceCoverage = single() ? null : new LinkedHashMap<>();
        for (int s = 0; s < sizes.length; s++) {
            String name = sources.get(s).name();
            positions.add(new SourcePosition(name, sourceEpochs[s], offsets[s]));
            sourceCounts.put(name, counts[s]);
            if (sourceCoverage != null) {
                sourceCoverage.put(name, sourceEnded[s] && offsets[s] == 0 ? 1.0 : (double) offsets[s] / sizes[s]);
            }
        }
        SamplerState next = new SamplerState(epoch, consumed, positions, seen, dropped);
        return new Draw(indices, next, epochEnd, (double) (seen + dropped) / size,
                epochEnd ? 1.0 : (double) consumed / size,
                sourceCoverage == null ? null : Collections.unmodifiableMap(sourceCoverage),
                Collections.unmodifiableMap(sourceCounts));
    }

    /**
     * The state after cutting the current global epoch short (the epoch_stop trigger): the rest of the epoch counts
     * as dropped and the state stands at the start of the next epoch. With one source the source moves to its next
     * epoch; with several, source positions stay. A state already at the start of an epoch (nothing of it consumed)
     * is returned unchanged: there is nothing of that epoch to stop.
     */
    public SamplerState skipEpoch(SamplerState at) {
        check(at);
        if (at.consumed() == 0) {
            return at;
        }
        long epoch = at.epoch() + 1;
        List<SourcePosition> positions = single()
                ? List.of(new SourcePosition(sources.get(0).name(), epoch, 0))
                : at.sources();
        return new SamplerState(epoch, 0, positions, at.samplesSeen(), at.samplesDropped() + size - at.consumed());
    }

    private boolean single() {
        return sizes.length == 1;
    }

    private void checkBatchSize(String what, int batchSize) {
        if (batchSize < 1 || batchSize > size) {
            throw new IllegalArgumentException(what + " must be in [1, " + size + "] (the samples of one epoch), got "
                    + batchSize);
        }
    }

    private void check(SamplerState at) {
        if (at == null) {
            throw new IllegalArgumentException("a draw needs a sampler state");
        }
        List<String> stateNames = at.sources().stream().map(SourcePosition::name).toList();
        List<String> ourNames = sources.stream().map(DataSource::name).toList();
        if (!stateNames.equals(ourNames)) {
            throw new IllegalArgumentException("sampler state has sources " + stateNames + " but the sampler reads "
                    + ourNames);
        }
        for (int s = 0; s < sizes.length; s++) {
            SourcePosition position = at.sources().get(s);
            if (position.offset() >= sizes[s]) {
                throw new IllegalArgumentException("sampler state puts source " + position.name() + " at offset "
                        + position.offset() + ", outside its " + sizes[s] + " samples");
            }
        }
        if (at.consumed() >= size) {
            throw new IllegalArgumentException("sampler state has consumed " + at.consumed() + " samples of an epoch"
                    + " of " + size);
        }
        if (at.epoch() > (Long.MAX_VALUE - at.consumed()) / size
                || at.epoch() * size + at.consumed() != at.samplesSeen() + at.samplesDropped()) {
            throw new IllegalArgumentException("sampler state is inconsistent: epoch " + at.epoch() + " x " + size
                    + " samples + " + at.consumed() + " consumed != " + at.samplesSeen() + " seen + "
                    + at.samplesDropped() + " dropped");
        }
        if (single() && (at.sources().get(0).epoch() != at.epoch() || at.sources().get(0).offset() != at.consumed())) {
            throw new IllegalArgumentException("sampler state puts its only source at " + at.sources().get(0)
                    + " but the run at epoch " + at.epoch() + ", offset " + at.consumed());
        }
    }
}
