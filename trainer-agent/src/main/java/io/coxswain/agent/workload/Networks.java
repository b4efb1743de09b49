package io.coxswain.agent.workload;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every built-in network shares: float weights, Xavier initialization from the run's seed, the optimizer. */
public final class Networks {
    private Networks() {
    }

    /** A configuration builder with the run's seed, float data, Xavier weights and the optimizer at the first rate. */
    public static NeuralNetConfiguration.Builder builder(ModelSettings settings) {
        return new NeuralNetConfiguration.Builder()
                .seed(settings.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(settings.optimizer().updater(settings.learningRate()));
    }

    /** Initializes the network and gives it the first step's weight decay. */
    public static MultiLayerNetwork build(MultiLayerConfiguration configuration, ModelSettings settings) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        Hyperparameters.setWeightDecay(network, settings.optimizer().kind(), settings.weightDecay());
        return network;
    }

    /** Same layers, same parameter shapes and the same kind of optimizer: a checkpoint of one fits the other. */
    static boolean sameArchitecture(MultiLayerNetwork a, MultiLayerNetwork b) {
        return mismatch(a, b).isEmpty();
    }

    /**
     * Why the parameters and optimizer state of {@code saved} do not fit {@code into} (layer count, parameter count,
     * layer kinds, parameter shapes, data type, optimizer kind or optimizer state size), or empty when they fit.
     */
    static Optional<String> mismatch(MultiLayerNetwork saved, MultiLayerNetwork into) {
        if (saved.getnLayers() != into.getnLayers()) {
            return Optional.of("it has " + saved.getnLayers() + " layers, this run's network " + into.getnLayers());
        }
        if (saved.numParams() != into.numParams()) {
            return Optional.of("it has " + saved.numParams() + " parameters, this run's network "
                    + into.numParams());
        }
        for (int i = 0; i < saved.getnLayers(); i++) {
            Optional<String> layer = layerMismatch(i, saved.getLayer(i), into.getLayer(i));
            if (layer.isPresent()) {
                return layer;
            }
        }
        if (saved.params().dataType() != into.params().dataType()) {
            return Optional.of("its parameters are " + saved.params().dataType() + ", this run's "
                    + into.params().dataType());
        }
        long savedState = updaterStateSize(saved);
        long intoState = updaterStateSize(into);
        return savedState == intoState ? Optional.empty() : Optional.of("its optimizer state has " + savedState
                + " values, this run's " + intoState);
    }

    /** The network's optimizer state (Adam's moments, the momentum), or null when its optimizer keeps none. */
    static INDArray updaterState(MultiLayerNetwork network) {
        return network.getUpdater() == null ? null : network.getUpdater().getStateViewArray();
    }

    private static long updaterStateSize(MultiLayerNetwork network) {
        INDArray state = updaterState(network);
        return state == null ? 0 : state.length();
    }

    private static Optional<String> layerMismatch(int index, Layer saved, Layer into) {
        var savedConf = saved.conf().getLayer();
        var intoConf = into.conf().getLayer();
        String at = "layer " + index;
        if (savedConf.getClass() != intoConf.getClass()) {
            return Optional.of(at + " is a " + savedConf.getClass().getSimpleName() + " in the checkpoint, a "
                    + intoConf.getClass().getSimpleName() + " in this run");
        }
        Map<String, String> savedShapes = shapes(saved);
        Map<String, String> intoShapes = shapes(into);
        if (!savedShapes.equals(intoShapes)) {
            return Optional.of(at + " has parameter shapes " + savedShapes + " in the checkpoint, " + intoShapes
                    + " in this run");
        }
        if (savedConf instanceof BaseLayer savedBase && intoConf instanceof BaseLayer intoBase
                && savedBase.getIUpdater().getClass() != intoBase.getIUpdater().getClass()) {
            return Optional.of(at + " trains with " + savedBase.getIUpdater().getClass().getSimpleName()
                    + " in the checkpoint, " + intoBase.getIUpdater().getClass().getSimpleName() + " in this run");
        }
        return Optional.empty();
    }

    private static Map<String, String> shapes(Layer layer) {
        Map<String, String> shapes = new TreeMap<>();
        layer.paramTable().forEach((name, values) -> shapes.put(name, Arrays.toString(values.shape())));
        return shapes;
    }
}
