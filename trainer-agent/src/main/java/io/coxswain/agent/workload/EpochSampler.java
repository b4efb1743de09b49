package io.coxswain.agent.workload;

import java.util.Random;

/**
 * Minibatch order: each epoch is a seeded shuffle of the training indices, cut into consecutive minibatches, so every
 * sample is drawn exactly once per epoch. The last minibatch of an epoch is shorter when the epoch size is not a
 * multiple of the batch size (nothing dropped, nothing carried into the next epoch), and the batch size may change
 * from one draw to the next. A draw is a pure function of the seed, the position and the batch size.
 */
public final class EpochSampler {
    private final long seed;
    private final int size;
    private long cachedEpoch = -1;
    private int[] orderOfCachedEpoch;

    public EpochSampler(long seed, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("an epoch needs at least one sample, got size " + size);
        }
        this.seed = seed;
        this.size = size;
    }

    public int size() {
        return size;
    }

    public Draw draw(SamplerPosition at, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (at.offset() < 0 || at.offset() >= size) {
            throw new IllegalArgumentException("offset " + at.offset() + " is outside an epoch of " + size);
        }
        int[] order = cachedOrder(at.epoch());
        int end = Math.min(size, at.offset() + batchSize);
        int[] indices = new int[end - at.offset()];
        System.arraycopy(order, at.offset(), indices, 0, indices.length);
        boolean epochEnd = end == size;
        SamplerPosition next = epochEnd ? new SamplerPosition(at.epoch() + 1, 0) : new SamplerPosition(at.epoch(), end);
        return new Draw(indices, at.epoch(), (double) end / size, epochEnd, next);
    }

    /** The shuffled order of one epoch (Fisher-Yates with {@link Random}, whose algorithm is specified). */
    public int[] order(long epoch) {
        return cachedOrder(epoch).clone();
    }

    private int[] cachedOrder(long epoch) {
        if (epoch != cachedEpoch) {
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Random random = new Random(mix(seed, epoch));
            for (int i = size - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            orderOfCachedEpoch = order;
            cachedEpoch = epoch;
        }
        return orderOfCachedEpoch;
    }

    private static long mix(long seed, long epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
