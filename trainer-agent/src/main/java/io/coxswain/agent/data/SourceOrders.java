package io.coxswain.agent.data;

import java.util.Random;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The shuffled order of each source epoch: Fisher-Yates with {@link Random} (whose algorithm is specified) seeded by
 * {@code mix(sourceSeed, epoch)}. With one source the source seed is the run's seed, which gives exactly the order
 * of the former single-source {@code EpochSampler}; with several, source {@code s} uses {@code mix(seed, -1 - s)}
 * so that sources of equal size do not share their permutations. The latest order of each source is kept, so each
 * source epoch is shuffled once while a run moves forward.
 */
final class SourceOrders {
    private final long[] seeds;
    private final int[] sizes;
    private final AtomicReferenceArray<Order> latest;

    private record Order(long epoch, int[] indices) {
    }

    SourceOrders(long seed, int[] sizes) {
        this.sizes = sizes.clone();
        this.seeds = new long[sizes.length];
        for (int s = 0; s < sizes.length; s++) {
            seeds[s] = sizes.length == 1 ? seed : mix(seed, -1L - s);
        }
        this.latest = new AtomicReferenceArray<>(sizes.length);
    }

    /** The order of source {@code source}'s epoch {@code epoch}: indices local to the source. Do not modify. */
    int[] of(int source, long epoch) {
        Order cached = latest.get(source);
        if (cached != null && cached.epoch() == epoch) {
            return cached.indices();
        }
        int[] order = shuffle(mix(seeds[source], epoch), sizes[source]);
        latest.set(source, new Order(epoch, order));
        return order;
    }

    static int[] shuffle(long seed, int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    static long mix(long seed, long epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
