package io.coxswain.agent.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every built-in workload must do, run once per workload by its test class: reproducible steps, bit-exact
 * resumption from a checkpoint, gradient accumulation, clipping, per-sample losses and corruption.
 */
abstract class WorkloadContract {
    static final int BATCH = 16;

    /** The workload's provider. */
    abstract WorkloadProvider provider();

    /** Adam steps at this rate make the workload fit its batches within {@link #warmUpSteps()}. */
    double warmUpRate() {
        return 0.01;
    }

    int warmUpSteps() {
        return 30;
    }

    NetworkWorkload create(long seed, Optimizer optimizer, double learningRate) {
        return (NetworkWorkload) provider().create(new ModelSettings(seed, OptimizerSettings.of(optimizer),
                learningRate, 0));
    }

    /** A varied schedule: the rate changes at step 12, decay and clipping on, sample losses from step 15. */
    private static StepRequest varied(Workload workload, int step) {
        double rate = step < 12 ? 0.003 : 0.001;
        return new StepRequest(new int[][]{Requests.batch(step, BATCH, workload.trainSize())}, step, step / 7, rate,
                0.01, 1.0, step >= 15, null);
    }

    private static List<Double> variedSteps(Workload workload, int from, int to) {
        List<Double> losses = new ArrayList<>();
        for (int step = from; step < to; step++) {
            losses.add(workload.step(varied(workload, step)).loss());
        }
        return losses;
    }

    @Test
    void theSameSeedAndRequestsGiveBitIdenticalLossesAndAnotherSeedDoesNot() {
        List<Double> first = Requests.train(create(7, Optimizer.ADAM, 0.003), 0, 10, BATCH, 0.003);
        List<Double> second = Requests.train(create(7, Optimizer.ADAM, 0.003), 0, 10, BATCH, 0.003);
        List<Double> otherSeed = Requests.train(create(8, Optimizer.ADAM, 0.003), 0, 10, BATCH, 0.003);

        assertEquals(first, second);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void resumingFromACheckpointInAFreshWorkloadContinuesBitForBit(@TempDir Path dir) {
        List<Double> uninterrupted = variedSteps(create(7, Optimizer.ADAMW, 0.003), 0, 20);

        NetworkWorkload before = create(7, Optimizer.ADAMW, 0.003);
        List<Double> resumed = new ArrayList<>(variedSteps(before, 0, 10));
        before.saveCheckpoint(dir);
        NetworkWorkload after = create(7, Optimizer.ADAMW, 0.003);
        after.restoreCheckpoint(dir);
        resumed.addAll(variedSteps(after, 10, 20));

        assertEquals(uninterrupted, resumed);
    }

    @Test
    void writesTheCheckpointIntoTheDirectoryUnderItsFinalNameOnly(@TempDir Path dir) throws Exception {
        NetworkWorkload workload = create(7, Optimizer.ADAM, 0.003);
        Requests.train(workload, 0, 3, BATCH, 0.003);
        Path checkpoint = dir.resolve("step-3");

        long bytes = workload.saveCheckpoint(checkpoint);

        Path model = checkpoint.resolve(ModelCheckpoint.FILE);
        assertThat(bytes).isEqualTo(Files.size(model)).isPositive();
        try (Stream<Path> files = Files.list(checkpoint)) {
            assertThat(files).containsExactly(model);
        }
    }

    @Test
    void accumulatingMicroBatchesStepsLikeOneBatchOfTheirUnion() {
        NetworkWorkload accumulated = create(7, Optimizer.SGD, 0.05);
        NetworkWorkload whole = create(7, Optimizer.SGD, 0.05);
        int[] union = Requests.batch(0, 24, accumulated.trainSize());
        int[][] micro = {Arrays.copyOfRange(union, 0, 3), Arrays.copyOfRange(union, 3, 11),
                Arrays.copyOfRange(union, 11, 24)};

        StepResult three = accumulated.step(new StepRequest(micro, 0, 0, 0.05, 0, 0, true, null));
        StepResult one = whole.step(new StepRequest(new int[][]{union}, 0, 0, 0.05, 0, 0, true, null));

        assertThat(three.loss()).isCloseTo(one.loss(), within(1e-5 * one.loss()));
        assertThat(three.gradNorm()).isCloseTo(one.gradNorm(), within(1e-5 * one.gradNorm()));
        assertArrayEquals(one.sampleLosses(), three.sampleLosses(), 1e-5);
        INDArray difference = accumulated.network().params().sub(whole.network().params());
        assertThat(difference.amaxNumber().doubleValue()).isLessThan(1e-6);
    }

    @Test
    void clippingCapsTheUpdateAndTheResultReportsTheNormBeforeClipping() {
        NetworkWorkload workload = create(7, Optimizer.SGD, 0.1);
        INDArray before = workload.network().params().dup();
        double cap = 1e-3;

        StepResult result = workload.step(new StepRequest(new int[][]{Requests.batch(0, BATCH,
                workload.trainSize())}, 0, 0, 0.1, 0, cap, false, null));

        double moved = workload.network().params().sub(before).norm2Number().doubleValue();
        assertThat(result.gradNorm()).isGreaterThan(10 * cap);
        assertThat(moved).isPositive().isLessThanOrEqualTo(0.1 * cap * 1.001);
    }

    @Test
    void returnsOneLossPerSampleInRequestOrderAveragingToTheStepLoss() {
        NetworkWorkload forward = create(7, Optimizer.ADAM, 0.003);
        NetworkWorkload backward = create(7, Optimizer.ADAM, 0.003);
        int[] batch = Requests.batch(0, BATCH, forward.trainSize());
        int[] reversed = new int[batch.length];
        for (int i = 0; i < batch.length; i++) {
            reversed[i] = batch[batch.length - 1 - i];
        }

        StepResult result = forward.step(new StepRequest(new int[][]{Arrays.copyOfRange(batch, 0, 5),
                Arrays.copyOfRange(batch, 5, BATCH)}, 0, 0, 0.003, 0, 0, true, null));
        StepResult mirrored = backward.step(new StepRequest(new int[][]{reversed}, 0, 0, 0.003, 0, 0, true, null));

        assertThat(result.sampleLosses()).hasSize(BATCH);
        assertThat(Arrays.stream(result.sampleLosses()).average().orElseThrow())
                .isCloseTo(result.loss(), within(1e-5 * result.loss()));
        for (int i = 0; i < BATCH; i++) {
            assertThat(mirrored.sampleLosses()[BATCH - 1 - i]).isCloseTo(result.sampleLosses()[i], within(1e-5));
        }
        assertThat(Double.isFinite(result.gradNorm()) && result.gradNorm() > 0).isTrue();
        assertThat(forward.step(StepRequest.plain(batch, 1, 0, 0.003)).sampleLosses()).isNull();
    }

    @Test
    void labelNoiseRaisesTheLossOfTheDamagedSamplesOnlyAndIsDeterministic(@TempDir Path dir) {
        corruptionRaisesTheLossOfTheDamagedSamples(Corruption.LABEL_NOISE, dir);
    }

    @Test
    void featureNoiseRaisesTheLossOfTheDamagedSamplesOnlyAndIsDeterministic(@TempDir Path dir) {
        corruptionRaisesTheLossOfTheDamagedSamples(Corruption.FEATURE_NOISE, dir);
    }

    /**
     * On a partly trained model (a wrong label is no worse than a right one for an untrained model), the damaged
     * samples' losses rise and the others' stay as they were; a second copy of the model is damaged identically.
     */
    private void corruptionRaisesTheLossOfTheDamagedSamples(String kind, Path dir) {
        NetworkWorkload workload = create(7, Optimizer.ADAM, warmUpRate());
        Requests.train(workload, 0, warmUpSteps(), BATCH, warmUpRate());
        workload.saveCheckpoint(dir);
        NetworkWorkload copy = create(7, Optimizer.ADAM, warmUpRate());
        copy.restoreCheckpoint(dir);
        int[] batch = Requests.batch(warmUpSteps(), 32, workload.trainSize());
        Batch dataBefore = workload.train().batch(batch);
        double[] clean = workload.sampleLosses(dataBefore);
        Corruption corruption = new Corruption(kind, 0.25, 99);

        StepResult hit = workload.step(request(batch, warmUpSteps(), corruption));
        StepResult hitAgain = copy.step(request(batch, warmUpSteps(), corruption));

        assertThat(hit.loss()).isGreaterThan(Arrays.stream(clean).average().orElseThrow());
        assertEquals(hit.loss(), hitAgain.loss());
        assertArrayEquals(hit.sampleLosses(), hitAgain.sampleLosses());
        int[] positions = Corruptor.positions(corruption, batch.length);
        assertThat(positions).hasSize(8);
        for (int i = 0; i < batch.length; i++) {
            if (Arrays.binarySearch(positions, i) < 0) {
                assertThat(hit.sampleLosses()[i]).as("undamaged sample %d", i).isCloseTo(clean[i], within(1e-5));
            }
        }
        double damagedBefore = Arrays.stream(positions).mapToDouble(i -> clean[i]).average().orElseThrow();
        double damagedAfter = Arrays.stream(positions).mapToDouble(i -> hit.sampleLosses()[i]).average()
                .orElseThrow();
        assertThat(damagedAfter).isGreaterThan(damagedBefore);
        Batch dataAfter = workload.train().batch(batch);
        assertThat(dataAfter.features()).isEqualTo(dataBefore.features());
        assertThat(dataAfter.labels()).isEqualTo(dataBefore.labels());
    }

    private static StepRequest request(int[] batch, int step, Corruption corruption) {
        return new StepRequest(new int[][]{batch}, step, 0, 0.0001, 0, 0, true, corruption);
    }

    /**
     * The manual step against DL4J's own {@code fit} on the same batches: Adam, one micro-batch, no clipping, no decay.
     * Both run the same operations in the same order (gradient summed over the batch, divided by its size, Adam with
     * the same iteration, subtracted from the parameters), and on the CPU backend the feed-forward workloads came out
     * bit-identical, losses and parameters, so both tolerances are 0 for them.
     */
    @Test
    void oneMicroBatchWithoutClippingOrDecayStepsLikeNetworkFit() {
        NetworkWorkload manual = create(7, Optimizer.ADAM, 0.003);
        NetworkWorkload fitted = create(7, Optimizer.ADAM, 0.003);

        for (int step = 0; step < 15; step++) {
            int[] batch = Requests.batch(step, BATCH, manual.trainSize());
            double manualLoss = manual.step(StepRequest.plain(batch, step, 0, 0.003)).loss();
            fitted.network().fit(fitted.train().batch(batch).dataSet());
            double fitLoss = fitted.network().score() / lossTermsPerSample();
            assertThat(manualLoss).as("step %d", step).isCloseTo(fitLoss, within(fitLossTolerance() * fitLoss));
        }

        INDArray difference = manual.network().params().sub(fitted.network().params());
        assertThat(difference.amaxNumber().doubleValue()).isLessThanOrEqualTo(fitParameterTolerance());
    }

    /** The loss terms DL4J sums per sample: the time steps of a sequence workload, else 1. */
    int lossTermsPerSample() {
        return 1;
    }

    /** How far, relative, the manual step's losses may drift from those of {@code fit} in 15 steps. */
    double fitLossTolerance() {
        return 0;
    }

    /** How far any parameter may drift from that of {@code fit} in 15 steps. */
    double fitParameterTolerance() {
        return 0;
    }

    @Test
    void learnsAsTheHeldOutLossFallsAndTheAccuracyRises() {
        NetworkWorkload workload = create(7, Optimizer.ADAM, warmUpRate());
        Map<String, Double> before = workload.evaluate();

        Requests.train(workload, 0, learningSteps(), learningBatch(), warmUpRate());

        Map<String, Double> after = workload.evaluate();
        assertThat(after.keySet()).containsExactly("eval_loss", "eval_accuracy");
        assertThat(after.get("eval_loss")).isLessThan(before.get("eval_loss") * learnedLossRatio());
        assertThat(after.get("eval_accuracy")).isGreaterThan(before.get("eval_accuracy"))
                .isGreaterThan(learnedAccuracy());
    }

    /** Steps at the warm-up rate in {@link #learnsAsTheHeldOutLossFallsAndTheAccuracyRises}. */
    int learningSteps() {
        return 60;
    }

    /** Samples per step in {@link #learnsAsTheHeldOutLossFallsAndTheAccuracyRises}. */
    int learningBatch() {
        return 32;
    }

    /** The held-out loss after {@link #learningSteps()} is below this share of the initial one. */
    double learnedLossRatio() {
        return 0.8;
    }

    /** The held-out accuracy after {@link #learningSteps()} is above this. */
    abstract double learnedAccuracy();
}
