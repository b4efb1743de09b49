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
        double[][] centers = new double[CLASSES][FEATURES];
        for (double[] center : centers) {
            for (int f = 0; f < FEATURES; f++) {
                center[f] = random.nextGaussian();
            }
        }
        INDArray[] train = split(random, centers, TRAIN_SIZE);
        INDArray[] heldOut = split(random, centers, HELD_OUT_SIZE);
        return new BlobsData(train[0], train[1], heldOut[0], heldOut[1]);
    }

    private static INDArray[] split(Random random, double[][] centers, int size) {
        float[] features = new float[size * FEATURES];
        float[] labels = new float[size * CLASSES];
        for (int i = 0; i < size; i++) {
            int label = random.nextInt(CLASSES);
            labels[i * CLASSES + label] = 1f;
            for (int f = 0; f < FEATURES; f++) {
                features[i * FEATURES + f] = (float) (centers[label][f] + SPREAD * random.nextGaussian());
            }
        }
        return new INDArray[]{
                Nd4j.create(features, new int[]{size, FEATURES}),
                Nd4j.create(labels, new int[]{size, CLASSES})};
    }
}
