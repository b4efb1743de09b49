package io.coxswain.agent.workload;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;

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

    /** Same layers, same parameter count and the same kind of optimizer: a checkpoint of one fits the other. */
    static boolean sameArchitecture(MultiLayerNetwork a, MultiLayerNetwork b) {
        if (a.numParams() != b.numParams() || a.getnLayers() != b.getnLayers()) {
            return false;
        }
        for (int i = 0; i < a.getnLayers(); i++) {
            var layerA = a.getLayer(i).conf().getLayer();
            var layerB = b.getLayer(i).conf().getLayer();
            if (layerA.getClass() != layerB.getClass() || a.getLayer(i).numParams() != b.getLayer(i).numParams()) {
                return false;
            }
            if (layerA instanceof BaseLayer baseA && layerB instanceof BaseLayer baseB
                    && baseA.getIUpdater().getClass() != baseB.getIUpdater().getClass()) {
                return false;
            }
        }
        return true;
    }
}
