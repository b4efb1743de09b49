package io.coxswain.agent.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class IrisWorkloadTest extends WorkloadContract {

    @Override
    WorkloadProvider provider() {
        return new IrisProvider();
    }

    @Override
    double warmUpRate() {
        return 0.03;
    }

    @Override
    double learnedAccuracy() {
        return 0.85;
    }

    @Test
    void holdsOutTenFlowersOfEachSpeciesAndTrainsOnTheOtherHundredAndTwenty() {
        IrisData data = IrisData.load();

        assertThat(data.trainFeatures().shape()).containsExactly(120, 4);
        assertThat(data.heldOutLabels().sum(0).toDoubleVector()).containsExactly(10, 10, 10);
        assertThat(data.trainLabels().sum(0).toDoubleVector()).containsExactly(40, 40, 40);
        assertThat(create(7, Optimizer.ADAM, 0.01).sources()).containsExactly(new DataSource("iris", 120));
    }

    @Test
    void standardizesTheFeaturesWithTheTrainingSplitsStatistics() {
        INDArray train = IrisData.load().trainFeatures();

        for (double mean : train.mean(0).toDoubleVector()) {
            assertThat(mean).isBetween(-1e-5, 1e-5);
        }
        for (double std : train.std(false, 0).toDoubleVector()) {
            assertThat(std).isBetween(1 - 1e-4, 1 + 1e-4);
        }
    }

    @Test
    void splitsTheSameWayOnEveryLoad() {
        assertThat(IrisData.load()).isEqualTo(IrisData.load());
    }
}
