package io.coxswain.agent.workload;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads the L2 norm of the gradient at the moment DL4J has computed it and not yet handed it to the updater (which
 * turns the gradient array into the update in place, so reading it after {@code fit} would give the update's norm).
 */
final class GradientNormListener extends BaseTrainingListener {
    private double last = Double.NaN;

    @Override
    public void onGradientCalculation(Model model) {
        INDArray gradient = model.getGradientsViewArray();
        last = gradient == null ? Double.NaN : gradient.norm2Number().doubleValue();
    }

    void reset() {
        last = Double.NaN;
    }

    double last() {
        return last;
    }
}
