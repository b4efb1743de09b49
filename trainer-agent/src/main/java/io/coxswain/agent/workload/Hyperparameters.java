package io.coxswain.agent.workload;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * Changes a built network's learning rate and weight decay in place, without rebuilding its updater: DL4J's updater
 * blocks read both from the layers' configuration objects at every step (the rate from each layer's {@link IUpdater},
 * the decay from each layer's weight regularization list), so editing those objects takes effect at the next step,
 * keeps the updater's state array (Adam's moments, the momentum) and costs microseconds where
 * {@link MultiLayerNetwork#setLearningRate(double)} rebuilds the whole updater.
 *
 * <p>Weight decay applies to the weights, not to the biases. For {@link Optimizer#decouplesWeightDecay() adamw} it is
 * DL4J's {@link WeightDecay} with the learning rate applied: after the optimizer has turned the gradient into the
 * update, {@code lr * decay * w} is added to it (AdamW). Otherwise it is {@link L2Regularization}: {@code decay * w}
 * is added to the mean gradient before the optimizer sees it (after clipping), the L2 penalty of classic SGD.
 */
final class Hyperparameters {
    private Hyperparameters() {
    }

    static void requireValid(double learningRate, double weightDecay) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be above 0 and finite, got " + learningRate);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be 0 or above and finite, got " + weightDecay);
        }
    }

    /** Sets every layer's rate (weights and biases alike, so the updater blocks keep their shape). */
    static void setLearningRate(MultiLayerNetwork network, double learningRate) {
        for (BaseLayer layer : trainableLayers(network)) {
            setRate(layer.getIUpdater(), learningRate);
            setRate(layer.getBiasUpdater(), learningRate);
        }
    }

    /** The rate of the first layer, as the updater reads it. */
    static double learningRate(MultiLayerNetwork network) {
        return network.getLearningRate(0);
    }

    /** Replaces every layer's weight regularization with the given decay, or with none when it is 0. */
    static void setWeightDecay(MultiLayerNetwork network, Optimizer optimizer, double weightDecay) {
        for (BaseLayer layer : trainableLayers(network)) {
            layer.setRegularization(regularization(optimizer, weightDecay));
        }
    }

    /** The configured DL4J regularization for a decay: what {@link #setWeightDecay} puts on each layer. */
    static List<Regularization> regularization(Optimizer optimizer, double weightDecay) {
        List<Regularization> list = new ArrayList<>(1);
        if (weightDecay > 0) {
            list.add(optimizer.decouplesWeightDecay() ? new WeightDecay(weightDecay, true)
                    : new L2Regularization(weightDecay));
        }
        return list;
    }

    private static List<BaseLayer> trainableLayers(MultiLayerNetwork network) {
        List<BaseLayer> layers = new ArrayList<>();
        for (Layer layer : network.getLayers()) {
            if (layer.conf().getLayer() instanceof BaseLayer base) {
                layers.add(base);
            }
        }
        return layers;
    }

    private static void setRate(IUpdater updater, double learningRate) {
        if (updater != null && updater.hasLearningRate()) {
            updater.setLrAndSchedule(learningRate, null);
        }
    }
}
