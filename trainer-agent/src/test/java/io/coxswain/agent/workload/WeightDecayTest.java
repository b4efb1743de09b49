package io.coxswain.agent.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/** Weight decay as a step's request sets it, on the {@code mlp-blobs} network (layers 0, 1 and 2). */
class WeightDecayTest {
    private static final double RATE = 0.1;
    private static final double DECAY = 0.05;

    private static NetworkWorkload create(Optimizer optimizer) {
        return new MlpBlobsProvider().create(new ModelSettings(7, OptimizerSettings.of(optimizer), RATE, 0));
    }

    private static StepRequest step(double decay) {
        return new StepRequest(new int[][]{Requests.batch(0, 32, BlobsData.TRAIN_SIZE)}, 0, 0, RATE, decay, 0, false,
                null);
    }

    /**
     * Steps two identical networks on one batch, one without decay and one with: the decayed weights must end up
     * lower by {@code lr * decay * w} (w before the step), the biases and the reported loss must not differ.
     */
    private static void assertDecayShrinksTheWeightsByRateTimesDecay(Optimizer optimizer) {
        NetworkWorkload plain = create(optimizer);
        NetworkWorkload decayed = create(optimizer);
        INDArray[] before = new INDArray[3];
        for (int layer = 0; layer < 3; layer++) {
            before[layer] = plain.network().getLayer(layer).getParam("W").dup();
        }

        double plainLoss = plain.step(step(0)).loss();
        double decayedLoss = decayed.step(step(DECAY)).loss();

        assertEquals(plainLoss, decayedLoss, "the reported loss leaves the decay penalty out");
        for (int layer = 0; layer < 3; layer++) {
            INDArray difference = plain.network().getLayer(layer).getParam("W")
                    .sub(decayed.network().getLayer(layer).getParam("W"));
            INDArray expected = before[layer].mul(RATE * DECAY);
            assertThat(difference.sub(expected).amaxNumber().doubleValue()).as("layer %d weights", layer)
                    .isLessThan(1e-6);
            assertThat(expected.amaxNumber().doubleValue()).isGreaterThan(1e-3);
            assertThat(plain.network().getLayer(layer).getParam("b")).as("layer %d biases are not decayed", layer)
                    .isEqualTo(decayed.network().getLayer(layer).getParam("b"));
        }
    }

    @Test
    void sgdDecayAddsDecayTimesWeightToTheGradientOfTheWeightsOnly() {
        assertDecayShrinksTheWeightsByRateTimesDecay(Optimizer.SGD);
    }

    @Test
    void adamwDecayShrinksTheWeightsByRateTimesDecayApartFromTheAdaptiveStep() {
        assertDecayShrinksTheWeightsByRateTimesDecay(Optimizer.ADAMW);
    }

    @Test
    void adamDecayIsAnL2TermThatGoesThroughTheAdaptiveStepUnlikeAdamw() {
        NetworkWorkload plain = create(Optimizer.ADAM);
        NetworkWorkload decayed = create(Optimizer.ADAM);
        INDArray weights = plain.network().getLayer(1).getParam("W").dup();

        plain.step(step(0));
        decayed.step(step(DECAY));

        // Adam's first step is about lr * sign(g) per weight. The L2 term decay * w is added to g before that, so a
        // weight of an inactive ReLU unit (g exactly 0, no step without decay) takes a full step of lr: the decay is
        // rescaled by the adaptive step instead of shrinking the weights by lr * decay * w as adamw does.
        INDArray moved = plain.network().getLayer(1).getParam("W").sub(decayed.network().getLayer(1).getParam("W"));
        double decoupled = weights.mul(RATE * DECAY).norm2Number().doubleValue();
        assertThat(moved.amaxNumber().doubleValue()).isLessThanOrEqualTo(2 * RATE * 1.001);
        assertThat(moved.norm2Number().doubleValue()).isGreaterThan(10 * decoupled);
    }

    @Test
    void aStepChangesTheDecayInPlaceKeepingTheOptimizerStateAndZeroRemovesIt() {
        NetworkWorkload workload = create(Optimizer.ADAMW);
        Requests.train(workload, 0, 3, 32, RATE);
        INDArray state = workload.network().getUpdater().getStateViewArray();

        workload.step(new StepRequest(new int[][]{Requests.batch(3, 32, BlobsData.TRAIN_SIZE)}, 3, 0, RATE, DECAY,
                0, false, null));

        assertThat(workload.network().getUpdater().getStateViewArray()).isSameAs(state);
        for (int layer = 0; layer < 3; layer++) {
            var configuration = (BaseLayer) workload.network().getLayer(layer)
                    .conf().getLayer();
            assertThat(configuration.getRegularization()).singleElement().isInstanceOf(WeightDecay.class);
            assertThat(((WeightDecay) configuration.getRegularization().get(0)).isApplyLR()).isTrue();
            assertThat(configuration.getRegularizationBias()).isEmpty();
        }

        workload.step(StepRequest.plain(Requests.batch(4, 32, BlobsData.TRAIN_SIZE), 4, 0, RATE));

        var first = (BaseLayer) workload.network().getLayer(0).conf().getLayer();
        assertThat(first.getRegularization()).isEmpty();
        assertThat(workload.network().getUpdater().getStateViewArray()).isSameAs(state);
    }

    @Test
    void theOptimizersOtherThanAdamwTakeDecayAsAnL2Term() {
        for (Optimizer optimizer : List.of(Optimizer.SGD, Optimizer.MOMENTUM, Optimizer.ADAM)) {
            assertThat(Hyperparameters.regularization(optimizer, DECAY)).as(optimizer.wire()).singleElement()
                    .isInstanceOf(L2Regularization.class);
            assertThat(Hyperparameters.regularization(optimizer, 0)).as(optimizer.wire()).isEmpty();
        }
    }
}
