package io.coxswain.agent.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class MlpBlobsWorkloadTest extends WorkloadContract {

    @Override
    WorkloadProvider provider() {
        return new MlpBlobsProvider();
    }

    @Test
    void declaresOneSourceOfEightThousandSamplesAndHoldsTwoThousandOut() {
        NetworkWorkload workload = create(7, Optimizer.ADAM, 0.001);

        assertThat(workload.name()).isEqualTo("mlp-blobs");
        assertThat(workload.sources()).containsExactly(new DataSource("blobs", 8000));
        assertThat(workload.trainSize()).isEqualTo(8000);
        assertThat(workload.heldOutSize()).isEqualTo(2000);
        assertThat(workload.network().numParams()).isEqualTo(16 * 64 + 64 + 64 * 64 + 64 + 64 * 4 + 4);
    }

    @Test
    void changingTheLearningRateKeepsTheAdamMomentsAndUsesTheNewRateFromTheNextStep() {
        NetworkWorkload workload = create(7, Optimizer.ADAM, 0.001);
        Requests.train(workload, 0, 20, 32, 0.001);
        MultiLayerNetwork network = workload.network();
        INDArray stateArray = network.getUpdater().getStateViewArray();
        INDArray stateBefore = stateArray.dup();
        assertThat(stateBefore.norm2Number().doubleValue()).as("Adam moments after 20 steps").isGreaterThan(0);

        workload.setLearningRate(0.05);

        assertThat(network.getUpdater().getStateViewArray()).isEqualTo(stateBefore);
        assertThat(network.getUpdater().getStateViewArray()).as("the same state array, not a rebuilt copy")
                .isSameAs(stateArray);
        for (int layer = 0; layer < network.getnLayers(); layer++) {
            assertThat(network.getLearningRate(layer)).as("layer %d", layer).isEqualTo(0.05);
        }
        assertThat(workload.learningRate()).isEqualTo(0.05);
    }

    @Test
    void theNextStepMovesTheWeightsByItsRequestsLearningRate() {
        NetworkWorkload fast = create(7, Optimizer.ADAM, 0.001);
        NetworkWorkload slow = create(7, Optimizer.ADAM, 0.001);
        Requests.train(fast, 0, 10, 32, 0.001);
        Requests.train(slow, 0, 10, 32, 0.001);
        assertThat(slow.network().params()).isEqualTo(fast.network().params());
        int[] batch = Requests.batch(10, 32, fast.trainSize());
        INDArray paramsBefore = fast.network().params().dup();

        fast.step(StepRequest.plain(batch, 10, 0, 0.01));
        slow.step(StepRequest.plain(batch, 10, 0, 0.0001));

        // Adam's step is about lr per weight whatever the gradient's scale: a 100x smaller rate moves 100x less.
        double fastMove = fast.network().params().sub(paramsBefore).norm2Number().doubleValue();
        double slowMove = slow.network().params().sub(paramsBefore).norm2Number().doubleValue();
        assertThat(fastMove / slowMove).isBetween(99.0, 101.0);
    }

    @Test
    void theGradientNormIsOfTheMeanLossSoABatchRepeatedTwiceHasTheSameNorm() {
        int[] batch = Requests.batch(0, 32, BlobsData.TRAIN_SIZE);
        int[] twice = new int[64];
        System.arraycopy(batch, 0, twice, 0, 32);
        System.arraycopy(batch, 0, twice, 32, 32);

        StepResult once = create(7, Optimizer.SGD, 0.1).step(StepRequest.plain(batch, 0, 0, 0.1));
        StepResult doubled = create(7, Optimizer.SGD, 0.1).step(StepRequest.plain(twice, 0, 0, 0.1));

        assertThat(once.gradNorm()).isPositive().isLessThan(50.0);
        assertThat(doubled.gradNorm()).isCloseTo(once.gradNorm(), within(1e-5 * once.gradNorm()));
        assertThat(doubled.loss()).isCloseTo(once.loss(), within(1e-6 * once.loss()));
    }

    @Override
    int learningSteps() {
        return 40;
    }

    @Override
    double learnedAccuracy() {
        return 0.6;
    }

    @Test
    void refusesToRestoreACheckpointOfAnotherModelOrFromAnEmptyDirectory(@TempDir Path dir) {
        new IrisProvider().create(new ModelSettings(7, OptimizerSettings.of(Optimizer.ADAM), 0.01, 0))
                .saveCheckpoint(dir.resolve("iris"));
        NetworkWorkload blobs = create(7, Optimizer.ADAM, 0.001);

        assertThatThrownBy(() -> blobs.restoreCheckpoint(dir.resolve("iris"))).isInstanceOf(WorkloadException.class)
                .hasMessageContaining("another model than mlp-blobs");
        assertThatThrownBy(() -> blobs.restoreCheckpoint(dir.resolve("none"))).isInstanceOf(WorkloadException.class)
                .hasMessageContaining("no checkpoint at");
    }
}
