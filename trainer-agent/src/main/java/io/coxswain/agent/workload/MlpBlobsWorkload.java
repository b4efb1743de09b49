package io.coxswain.agent.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code mlp-blobs}: a multilayer perceptron ({@value BlobsData#FEATURES} inputs, two ReLU layers of {@value #HIDDEN}
 * units, softmax over {@value BlobsData#CLASSES} classes, cross-entropy loss) on {@link BlobsData}. One step is a
 * few milliseconds on two CPU cores. Deterministic for a seed on the CPU backend.
 */
public final class MlpBlobsWorkload implements Workload {
    public static final String NAME = "mlp-blobs";
    static final int HIDDEN = 64;

    private final BlobsData data;
    private final MultiLayerNetwork network;
    private final GradientNormListener gradientNorm = new GradientNormListener();
    private final DataSet heldOut;

    private MlpBlobsWorkload(BlobsData data, MultiLayerNetwork network) {
        this.data = data;
        this.network = network;
        this.heldOut = new DataSet(data.heldOutFeatures(), data.heldOutLabels());
        network.setListeners(gradientNorm);
    }

    /** Generates the data and initializes the network with the run's seed. */
    public static MlpBlobsWorkload create(ModelSettings settings) {
        BlobsData data = BlobsData.generate();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(settings));
        network.init();
        return new MlpBlobsWorkload(data, network);
    }

    static MultiLayerConfiguration configuration(ModelSettings settings) {
        return new NeuralNetConfiguration.Builder()
                .seed(settings.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(settings.optimizer().kind().updater(settings.learningRate()))
                .list()
                .layer(new DenseLayer.Builder().nIn(BlobsData.FEATURES).nOut(HIDDEN)
                        .activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(HIDDEN).nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN)
                        .nOut(BlobsData.CLASSES).activation(Activation.SOFTMAX).build())
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<DataSource> sources() {
        return MlpBlobsProvider.SOURCES;
    }

    @Override
    public StepResult step(StepRequest request) {
        if (learningRate() != request.learningRate()) {
            setLearningRate(request.learningRate());
        }
        int[] all = new int[request.batchSize()];
        int at = 0;
        for (int[] micro : request.microBatches()) {
            System.arraycopy(micro, 0, all, at, micro.length);
            at += micro.length;
        }
        return fit(all);
    }

    StepResult fit(int[] sampleIndices) {
        INDArray features = Nd4j.pullRows(data.trainFeatures(), 1, sampleIndices);
        INDArray labels = Nd4j.pullRows(data.trainLabels(), 1, sampleIndices);
        gradientNorm.reset();
        network.fit(new DataSet(features, labels));
        return new StepResult(network.score(), gradientNorm.last(), null);
    }

    @Override
    public Map<String, Double> evaluate() {
        double loss = network.score(heldOut, false);
        Evaluation evaluation = new Evaluation(BlobsData.CLASSES);
        evaluation.eval(heldOut.getLabels(), network.output(heldOut.getFeatures(), false));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("eval_loss", loss);
        metrics.put("eval_accuracy", evaluation.accuracy());
        return metrics;
    }

    /**
     * Sets the new rate on every layer's updater configuration in place, as {@link MultiLayerNetwork#setLearningRate}
     * does, but without its rebuild of the whole updater: every layer gets the same rate, so the updater blocks keep
     * their shape, and their gradient updaters read the rate from these same configuration objects at each step.
     * Adam's moment estimates are untouched (the same state array), and the change costs microseconds instead of the
     * milliseconds a rebuild takes.
     */
    public void setLearningRate(double learningRate) {
        for (Layer layer : network.getLayers()) {
            if (layer.conf().getLayer() instanceof BaseLayer base) {
                setRate(base.getIUpdater(), learningRate);
                setRate(base.getBiasUpdater(), learningRate);
            }
        }
    }

    private static void setRate(IUpdater updater, double learningRate) {
        if (updater != null && updater.hasLearningRate()) {
            updater.setLrAndSchedule(learningRate, null);
        }
    }

    public double learningRate() {
        return network.getLearningRate(0);
    }

    @Override
    public long saveCheckpoint(Path dir) {
        Path file = dir.resolve("model.zip");
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ModelSerializer.writeModel(network, partial.toFile(), true);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Files.size(file);
        } catch (IOException e) {
            throw new WorkloadException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void restoreCheckpoint(Path dir) {
        throw new WorkloadException("restoring a checkpoint is not implemented yet for " + NAME);
    }

    /** The network itself, for tests in this package that look at its optimizer state. */
    MultiLayerNetwork network() {
        return network;
    }
}
