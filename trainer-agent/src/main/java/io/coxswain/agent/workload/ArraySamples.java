package io.coxswain.agent.workload;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Samples held in memory as rows: features [n, f] and one-hot labels [n, classes]. A batch gathers its rows and gives
 * the features the network's shape per sample (e.g. [1, 16, 16] for one-channel images), in C order.
 */
public final class ArraySamples implements Samples {
    private final INDArray features;
    private final INDArray labels;
    private final long[] sampleShape;

    /** Rows of features and labels; each feature row is reshaped to {@code sampleShape} in batches. */
    public ArraySamples(INDArray features, INDArray labels, long... sampleShape) {
        if (features.rank() != 2 || labels.rank() != 2 || features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException("expected [n, f] features and [n, classes] labels, got "
                    + Arrays.toString(features.shape()) + " and " + Arrays.toString(labels.shape()));
        }
        long perSample = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
        if (sampleShape.length == 0 || perSample != features.size(1)) {
            throw new IllegalArgumentException("sample shape " + Arrays.toString(sampleShape) + " does not hold "
                    + features.size(1) + " features");
        }
        this.features = features;
        this.labels = labels;
        this.sampleShape = sampleShape.clone();
    }

    @Override
    public int size() {
        return Math.toIntExact(features.size(0));
    }

    @Override
    public Batch batch(int[] indices) {
        for (int index : indices) {
            if (index < 0 || index >= size()) {
                throw new IllegalArgumentException("sample " + index + " is outside 0.." + (size() - 1));
            }
        }
        INDArray rows = Nd4j.pullRows(features, 1, indices);
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = indices.length;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return new Batch(sampleShape.length == 1 ? rows : rows.reshape('c', shape), Nd4j.pullRows(labels, 1, indices));
    }
}
