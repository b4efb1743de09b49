package io.coxswain.agent.workload;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Applies a {@link Corruption} to a batch: a pure function of the batch, the corruption and its seed that returns new
 * arrays and leaves the given ones untouched. Which samples are damaged is the first {@code count} of a seeded
 * shuffle of the batch positions ({@link Random}, whose algorithm is specified).
 */
final class Corruptor {
    /** Standard deviation of the noise that replaces a damaged sample's features. */
    static final double FEATURE_NOISE_STD = 8.0;

    private Corruptor() {
    }

    /** The batch positions the corruption damages, ascending. */
    static int[] positions(Corruption corruption, int batchSize) {
        return positions(new Random(corruption.seed()), corruption.count(batchSize), batchSize);
    }

    static Batch apply(Batch batch, Corruption corruption) {
        Random random = new Random(corruption.seed());
        int[] damaged = positions(random, corruption.count(batch.size()), batch.size());
        return switch (corruption.kind()) {
            case Corruption.LABEL_NOISE -> new Batch(batch.features(), wrongLabels(batch.labels(), damaged, random));
            case Corruption.FEATURE_NOISE -> new Batch(noise(batch.features(), damaged, random), batch.labels());
            default -> throw new IllegalArgumentException("unknown corruption " + corruption.kind());
        };
    }

    private static int[] positions(Random random, int count, int batchSize) {
        int[] order = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            order[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(batchSize - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] chosen = Arrays.copyOf(order, count);
        Arrays.sort(chosen);
        return chosen;
    }

    /** One-hot labels [n, classes] or [n, classes, time]: each damaged sample's class moves to another one. */
    private static INDArray wrongLabels(INDArray labels, int[] damaged, Random random) {
        int classes = Math.toIntExact(labels.size(1));
        if (classes < 2) {
            throw new IllegalArgumentException("label noise needs at least two classes");
        }
        int steps = labels.rank() == 3 ? Math.toIntExact(labels.size(2)) : 1;
        float[] values = labels.dup('c').data().asFloat();
        int block = classes * steps;
        for (int sample : damaged) {
            for (int t = 0; t < steps; t++) {
                int at = sample * block + t;
                int current = 0;
                for (int c = 0; c < classes; c++) {
                    if (values[at + c * steps] > values[at + current * steps]) {
                        current = c;
                    }
                    values[at + c * steps] = 0f;
                }
                int wrong = (current + 1 + random.nextInt(classes - 1)) % classes;
                values[at + wrong * steps] = 1f;
            }
        }
        return Nd4j.create(values, labels.shape(), 'c');
    }

    private static INDArray noise(INDArray features, int[] damaged, Random random) {
        float[] values = features.dup('c').data().asFloat();
        int block = Math.toIntExact(features.length() / features.size(0));
        for (int sample : damaged) {
            for (int i = 0; i < block; i++) {
                values[sample * block + i] = (float) (FEATURE_NOISE_STD * random.nextGaussian());
            }
        }
        return Nd4j.create(values, features.shape(), 'c');
    }
}
