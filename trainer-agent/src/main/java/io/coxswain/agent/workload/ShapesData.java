package io.coxswain.agent.workload;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Procedurally drawn {@value #SIZE}x{@value #SIZE} grey images of one of {@value #CLASSES} shapes: a disc, a square,
 * a triangle or a cross, {@value #MIN_EXTENT} to {@value #MAX_EXTENT} pixels across at a random position, with a
 * random brightness and Gaussian pixel noise ({@value #NOISE}). The same images for every run (a fixed data seed).
 *
 * @param trainFeatures   [{@value #TRAIN_SIZE}, {@value #SIZE} * {@value #SIZE}], rows of pixels top to bottom
 * @param trainLabels     one-hot [{@value #TRAIN_SIZE}, {@value #CLASSES}]
 * @param heldOutFeatures [{@value #HELD_OUT_SIZE}, {@value #SIZE} * {@value #SIZE}]
 * @param heldOutLabels   one-hot [{@value #HELD_OUT_SIZE}, {@value #CLASSES}]
 */
record ShapesData(INDArray trainFeatures, INDArray trainLabels, INDArray heldOutFeatures, INDArray heldOutLabels) {
    static final int SIZE = 16;
    static final int CLASSES = 4;
    static final int TRAIN_SIZE = 4000;
    static final int HELD_OUT_SIZE = 1000;
    static final int MIN_EXTENT = 6;
    static final int MAX_EXTENT = 12;
    static final double NOISE = 0.25;
    static final long DATA_SEED = 20_260_103L;

    static ShapesData generate() {
        Random random = new Random(DATA_SEED);
        INDArray[] train = draw(random, TRAIN_SIZE);
        INDArray[] heldOut = draw(random, HELD_OUT_SIZE);
        return new ShapesData(train[0], train[1], heldOut[0], heldOut[1]);
    }

    private static INDArray[] draw(Random random, int count) {
        float[] pixels = new float[count * SIZE * SIZE];
        float[] labels = new float[count * CLASSES];
        for (int i = 0; i < count; i++) {
            int shape = random.nextInt(CLASSES);
            labels[i * CLASSES + shape] = 1f;
            double radius = (MIN_EXTENT + random.nextInt(MAX_EXTENT - MIN_EXTENT + 1)) / 2.0;
            double centerX = radius + random.nextDouble() * (SIZE - 2 * radius);
            double centerY = radius + random.nextDouble() * (SIZE - 2 * radius);
            double brightness = 0.6 + 0.4 * random.nextDouble();
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    double dx = x + 0.5 - centerX;
                    double dy = y + 0.5 - centerY;
                    double ink = inside(shape, dx, dy, radius) ? brightness : 0;
                    pixels[(i * SIZE + y) * SIZE + x] = (float) (ink + NOISE * random.nextGaussian());
                }
            }
        }
        return new INDArray[]{Nd4j.create(pixels, new int[]{count, SIZE * SIZE}),
                Nd4j.create(labels, new int[]{count, CLASSES})};
    }

    /** Whether the point (dx, dy) from the shape's center is inked; shapes are 2 * radius across. */
    static boolean inside(int shape, double dx, double dy, double radius) {
        return switch (shape) {
            case 0 -> dx * dx + dy * dy <= radius * radius;
            case 1 -> Math.abs(dx) <= 0.8 * radius && Math.abs(dy) <= 0.8 * radius;
            case 2 -> Math.abs(dy) <= radius && Math.abs(dx) <= (dy + radius) / 2;
            case 3 -> Math.abs(dx) <= radius && Math.abs(dy) <= radius
                    && (Math.abs(dx) <= radius / 4 || Math.abs(dy) <= radius / 4);
            default -> throw new IllegalArgumentException("no shape " + shape);
        };
    }
}
