package io.coxswain.agent.workload;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads the L2 norm of the gradient of the mean minibatch loss, at the moment DL4J has computed the gradient and not
 * yet handed it to the updater. DL4J's gradient at that point is summed over the minibatch (the updater divides it by
 * the minibatch size, then turns the array into the update in place, so it cannot be read after {@code fit}); the
 * norm is divided by the minibatch size here to match the mean loss that {@code score()} reports.
 */
final class GradientNormListener extends BaseTrainingListener {
    private double last = Double.NaN;

    @Override
    public void onGradientCalculation(Model model) {
        INDArray gradient = model.getGradientsViewArray();
        int batchSize = model.batchSize();
        last = gradient == null || batchSize < 1 ? Double.NaN : gradient.norm2Number().doubleValue() / batchSize;
    }

    void reset() {
        last = Double.NaN;
    }

    double last() {
        return last;
    }
}
