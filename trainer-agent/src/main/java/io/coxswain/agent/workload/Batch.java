package io.coxswain.agent.workload;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Samples as the network takes them: the first dimension of both arrays runs over the samples.
 *
 * @param features e.g. [n, features], [n, channels, height, width] or [n, vocabulary, time]
 * @param labels   one-hot, e.g. [n, classes] or [n, vocabulary, time]
 */
public record Batch(INDArray features, INDArray labels) {
    public Batch {
        if (features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException("features hold " + features.size(0) + " samples but labels "
                    + labels.size(0));
        }
    }

    public int size() {
        return Math.toIntExact(features.size(0));
    }

    DataSet dataSet() {
        return new DataSet(features, labels);
    }
}
