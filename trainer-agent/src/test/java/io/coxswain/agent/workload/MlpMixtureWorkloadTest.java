package io.coxswain.agent.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MlpMixtureWorkloadTest extends WorkloadContract {

    @Override
    WorkloadProvider provider() {
        return new MlpMixtureProvider();
    }

    @Override
    double learnedAccuracy() {
        return 0.6;
    }

    @Test
    void declaresACleanAndANoisySourceInGlobalIndexOrder() {
        NetworkWorkload workload = create(7, Optimizer.ADAM, 0.01);

        assertThat(workload.sources()).containsExactly(new DataSource("clean", 8000), new DataSource("noisy", 4000));
        assertThat(workload.trainSize()).isEqualTo(12_000);
        assertThat(workload.heldOutSize()).isEqualTo(2000);
    }

    @Test
    void theCleanSourceIsTheBlobsTrainingSplitAndTheHeldOutSplitIsClean() {
        NetworkWorkload mixture = create(7, Optimizer.ADAM, 0.01);
        BlobsData blobs = BlobsData.generate();
        int[] first = {0, 1, 7999};

        Batch clean = mixture.train().batch(first);

        assertThat(clean.features()).isEqualTo(new ArraySamples(blobs.trainFeatures(), blobs.trainLabels(), 16)
                .batch(first).features());
    }

    @Test
    void theNoisySourceStaysHarderThanTheCleanOneAfterTraining() {
        NetworkWorkload workload = create(7, Optimizer.ADAM, 0.01);
        Requests.train(workload, 0, 60, 32, 0.01);
        int[] clean = new int[500];
        int[] noisy = new int[500];
        for (int i = 0; i < 500; i++) {
            clean[i] = i;
            noisy[i] = 8000 + i;
        }

        double cleanLoss = Arrays.stream(workload.sampleLosses(workload.train().batch(clean))).average().orElseThrow();
        double noisyLoss = Arrays.stream(workload.sampleLosses(workload.train().batch(noisy))).average().orElseThrow();

        assertThat(noisyLoss).isGreaterThan(cleanLoss * 1.3);
    }
}
