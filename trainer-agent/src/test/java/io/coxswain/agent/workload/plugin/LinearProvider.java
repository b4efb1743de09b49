package io.coxswain.agent.workload.plugin;

import io.coxswain.agent.workload.ArraySamples;
import io.coxswain.agent.workload.Batch;
import io.coxswain.agent.workload.DataSource;
import io.coxswain.agent.workload.ModelSettings;
import io.coxswain.agent.workload.NetworkWorkload;
import io.coxswain.agent.workload.Networks;
import io.coxswain.agent.workload.Workload;
import io.coxswain.agent.workload.WorkloadProvider;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A workload plugged in from outside the package, using only the public API, as a user's jar would: softmax
 * regression on two Gaussian clusters. Listed in this test tree's {@code META-INF/services}.
 */
public final class LinearProvider implements WorkloadProvider {
    public static final String NAME = "test-linear";
    private static final List<DataSource> SOURCES = List.of(new DataSource("points", 400));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test plug-in: softmax regression on two clusters";
    }

    @Override
    public List<DataSource> sources() {
        return SOURCES;
    }

    @Override
    public Workload create(ModelSettings settings) {
        INDArray[] train = clusters(new Random(1), 400);
        INDArray[] heldOut = clusters(new Random(2), 100);
        return new NetworkWorkload(NAME, SOURCES, new ArraySamples(train[0], train[1], 2),
                new Batch(heldOut[0], heldOut[1]),
                Networks.build(Networks.builder(settings).list()
                        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(2).nOut(2)
                                .activation(Activation.SOFTMAX).build())
                        .build(), settings),
                settings.optimizer().kind(), 1, true);
    }

    private static INDArray[] clusters(Random random, int size) {
        float[] points = new float[size * 2];
        float[] labels = new float[size * 2];
        for (int i = 0; i < size; i++) {
            int label = i % 2;
            labels[i * 2 + label] = 1f;
            points[i * 2] = (float) ((label == 0 ? -1.5 : 1.5) + random.nextGaussian());
            points[i * 2 + 1] = (float) random.nextGaussian();
        }
        return new INDArray[]{Nd4j.create(points, new int[]{size, 2}), Nd4j.create(labels, new int[]{size, 2})};
    }
}
