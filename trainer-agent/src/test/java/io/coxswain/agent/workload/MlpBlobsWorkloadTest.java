package io.coxswain.agent.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class MlpBlobsWorkloadTest {
    private static final ModelSettings ADAM = new ModelSettings(7, OptimizerSettings.of(Optimizer.ADAM), 0.001, 0);

    private static List<Double> train(MlpBlobsWorkload workload, EpochSampler sampler, int steps) {
        List<Double> losses = new ArrayList<>();
        SamplerPosition position = SamplerPosition.START;
        for (int i = 0; i < steps; i++) {
            Draw draw = sampler.draw(position, 32);
            losses.add(workload.fit(draw.indices()).loss());
            position = draw.next();
        }
        return losses;
    }

    @Test
    void changingTheLearningRateKeepsTheAdamMomentsAndUsesTheNewRateFromTheNextStep() {
        MlpBlobsWorkload workload = MlpBlobsWorkload.create(ADAM);
        EpochSampler sampler = new EpochSampler(7, workload.trainSize());
        train(workload, sampler, 20);
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
    void theNextStepMovesTheWeightsByTheNewLearningRate() {
        MlpBlobsWorkload fast = MlpBlobsWorkload.create(ADAM);
        MlpBlobsWorkload slow = MlpBlobsWorkload.create(ADAM);
        EpochSampler sampler = new EpochSampler(7, fast.trainSize());
        train(fast, sampler, 10);
        train(slow, sampler, 10);
        assertThat(slow.network().params()).isEqualTo(fast.network().params());
        int[] batch = sampler.draw(new SamplerPosition(0, 320), 32).indices();
        INDArray paramsBefore = fast.network().params().dup();

        fast.setLearningRate(0.01);
        slow.setLearningRate(0.0001);
        fast.fit(batch);
        slow.fit(batch);

        // Adam's step is about lr per weight whatever the gradient's scale: a 100x smaller rate moves 100x less.
        double fastMove = fast.network().params().sub(paramsBefore).norm2Number().doubleValue();
        double slowMove = slow.network().params().sub(paramsBefore).norm2Number().doubleValue();
        assertThat(fastMove / slowMove).isBetween(99.0, 101.0);
    }

    @Test
    void sameSeedGivesTheSameLossesAndAnotherSeedDoesNot() {
        List<Double> first = train(MlpBlobsWorkload.create(ADAM),
                new EpochSampler(7, BlobsData.TRAIN_SIZE), 30);
        List<Double> second = train(MlpBlobsWorkload.create(ADAM),
                new EpochSampler(7, BlobsData.TRAIN_SIZE), 30);
        List<Double> otherSeed = train(MlpBlobsWorkload.create(new ModelSettings(8, OptimizerSettings.of(Optimizer.ADAM), 0.001, 0)),
                new EpochSampler(8, BlobsData.TRAIN_SIZE), 30);

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void learnsTheBlobsButNotPerfectlyBecauseTheyOverlap() {
        MlpBlobsWorkload workload = MlpBlobsWorkload.create(new ModelSettings(7, OptimizerSettings.of(Optimizer.ADAM), 0.003, 0));
        double before = workload.evaluate().get("eval_loss");

        train(workload, new EpochSampler(7, workload.trainSize()), 300);

        Map<String, Double> after = workload.evaluate();
        assertThat(after.keySet()).containsExactly("eval_loss", "eval_accuracy");
        assertThat(after.get("eval_loss")).isLessThan(before / 2).isGreaterThan(0.05);
        assertThat(after.get("eval_accuracy")).isBetween(0.6, 0.97);
    }

    @Test
    void reportsTheGradientNormOfTheMeanLoss() {
        MlpBlobsWorkload workload = MlpBlobsWorkload.create(ADAM);
        StepResult step = workload.fit(new EpochSampler(7, workload.trainSize()).draw(SamplerPosition.START, 32)
                .indices());

        assertThat(step.gradNorm()).isFinite().isGreaterThan(0.0).isLessThan(50.0);
        assertThat(step.loss()).isFinite().isGreaterThan(0.0);
    }

    @Test
    void writesACheckpointThatRestoresTheModelAndItsOptimizerState(@TempDir Path dir) throws Exception {
        MlpBlobsWorkload workload = MlpBlobsWorkload.create(ADAM);
        train(workload, new EpochSampler(7, workload.trainSize()), 5);
        Path file = dir.resolve("r-1").resolve("step-000005.zip");

        long bytes = workload.saveCheckpoint(file);

        assertThat(bytes).isEqualTo(Files.size(file)).isGreaterThan(10_000);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        assertThat(restored.params()).isEqualTo(workload.network().params());
        assertThat(restored.getUpdater().getStateViewArray())
                .isEqualTo(workload.network().getUpdater().getStateViewArray());
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }
}
