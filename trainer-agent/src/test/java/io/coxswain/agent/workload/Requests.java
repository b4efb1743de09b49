package io.coxswain.agent.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic batches and plain training runs for the workload tests (independent of the epoch sampler). */
final class Requests {
    private Requests() {
    }

    /** A batch of distinct indices below {@code size}, a function of the step alone. */
    static int[] batch(int step, int batchSize, int size) {
        Random random = new Random(1_000_003L * step + 17);
        int[] indices = new int[batchSize];
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < batchSize; i++) {
            int index;
            do {
                index = random.nextInt(size);
            } while (!seen.add(index));
            indices[i] = index;
        }
        return indices;
    }

    /** Steps {@code from} to {@code to - 1} with plain requests at a fixed rate; returns their losses. */
    static List<Double> train(Workload workload, int from, int to, int batchSize, double learningRate) {
        List<Double> losses = new ArrayList<>();
        for (int step = from; step < to; step++) {
            losses.add(workload.step(StepRequest.plain(batch(step, batchSize, workload.trainSize()), step, 0,
                    learningRate)).loss());
        }
        return losses;
    }
}
