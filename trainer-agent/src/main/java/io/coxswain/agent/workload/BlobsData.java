package io.coxswain.agent.workload;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Overlapping Gaussian blobs: {@value #CLASSES} classes in {@value #FEATURES} dimensions, class centers drawn from a
 * standard normal, samples spread around them with standard deviation {@value #SPREAD}, so that the classes overlap
 * and the loss levels off well above zero. The same data for every run (a fixed data seed): the run seed drives the
 * model's initial weights and the minibatch order, so runs of one experiment train on identical data.
 *
 * @param trainFeatures  [{@value #TRAIN_SIZE}, {@value #FEATURES}]
 * @param trainLabels    one-hot [{@value #TRAIN_SIZE}, {@value #CLASSES}]
 * @param heldOutFeatures [{@value #HELD_OUT_SIZE}, {@value #FEATURES}]
 * @param heldOutLabels  one-hot [{@value #HELD_OUT_SIZE}, {@value #CLASSES}]
 */
public record BlobsData(INDArray trainFeatures, INDArray trainLabels, INDArray heldOutFeatures,
                        INDArray heldOutLabels) {
    public static final int FEATURES = 16;
    public static final int CLASSES = 4;
    public static final int TRAIN_SIZE = 8000;
    public static final int HELD_OUT_SIZE = 2000;
    public static final double SPREAD = 1.8;
    static final long DATA_SEED = 20_260_101L;

    /** Generates the data; {@link java.util.Random}'s algorithms are specified, so every JVM draws the same. */
    public static BlobsData generate() {
        Random random = new Random(DATA_SEED);
        double[][] centers = centers(random);
        INDArray[] train = draw(random, centers, TRAIN_SIZE, SPREAD, 0);
        INDArray[] heldOut = draw(random, centers, HELD_OUT_SIZE, SPREAD, 0);
        return new BlobsData(train[0], train[1], heldOut[0], heldOut[1]);
    }

    /** The class centers of {@link #generate()}: the first draws from the data seed. */
    static double[][] centers() {
        return centers(new Random(DATA_SEED));
    }

    private static double[][] centers(Random random) {
        double[][] centers = new double[CLASSES][FEATURES];
        for (double[] center : centers) {
            for (int f = 0; f < FEATURES; f++) {
                center[f] = random.nextGaussian();
            }
        }
        return centers;
    }

    /**
     * {@code size} samples around the centers: a class drawn uniformly, features from its center plus Gaussian noise
     * of standard deviation {@code spread}; then, with probability {@code labelNoise}, the label replaced by another
     * class drawn uniformly (no further draws when {@code labelNoise} is 0).
     *
     * @return features [size, {@value #FEATURES}] and one-hot labels [size, {@value #CLASSES}]
     */
    static INDArray[] draw(Random random, double[][] centers, int size, double spread, double labelNoise) {
        float[] features = new float[size * FEATURES];
        float[] labels = new float[size * CLASSES];
        for (int i = 0; i < size; i++) {
            int label = random.nextInt(CLASSES);
            for (int f = 0; f < FEATURES; f++) {
                features[i * FEATURES + f] = (float) (centers[label][f] + spread * random.nextGaussian());
            }
            if (labelNoise > 0 && random.nextDouble() < labelNoise) {
                label = (label + 1 + random.nextInt(CLASSES - 1)) % CLASSES;
            }
            labels[i * CLASSES + label] = 1f;
        }
        return new INDArray[]{
                Nd4j.create(features, new int[]{size, FEATURES}),
                Nd4j.create(labels, new int[]{size, CLASSES})};
    }
}
