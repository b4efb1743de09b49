package io.coxswain.agent.workload;

import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code cnn-shapes}: a small CNN (3x3 convolutions of 8 and 16 channels, each followed by 2x2 max pooling, a dense
 * layer of 32, softmax over 4) classifying {@link ShapesData}, one source {@code shapes}.
 */
public final class CnnShapesProvider implements WorkloadProvider {
    public static final String NAME = "cnn-shapes";
    static final List<DataSource> SOURCES = List.of(new DataSource("shapes", ShapesData.TRAIN_SIZE));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "small CNN on 16x16 images of discs, squares, triangles and crosses (4000 train / 1000 held out)";
    }

    @Override
    public List<DataSource> sources() {
        return SOURCES;
    }

    @Override
    public NetworkWorkload create(ModelSettings settings) {
        ShapesData data = ShapesData.generate();
        long[] image = {1, ShapesData.SIZE, ShapesData.SIZE};
        ArraySamples heldOut = new ArraySamples(data.heldOutFeatures(), data.heldOutLabels(), image);
        return new NetworkWorkload(NAME, SOURCES, new ArraySamples(data.trainFeatures(), data.trainLabels(), image),
                heldOut.all(), Networks.build(configuration(settings), settings), settings.optimizer().kind(), 1,
                true);
    }

    static MultiLayerConfiguration configuration(ModelSettings settings) {
        return Networks.builder(settings)
                .convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(ShapesData.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(ShapesData.SIZE, ShapesData.SIZE, 1))
                .build();
    }
}
