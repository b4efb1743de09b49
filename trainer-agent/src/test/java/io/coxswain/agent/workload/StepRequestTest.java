package io.coxswain.agent.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StepRequestTest {

    private static StepRequest request(int[][] micro, double rate, double decay, double clip) {
        return new StepRequest(micro, 0, 0, rate, decay, clip, false, null);
    }

    @Test
    void listsTheSamplesOfAllMicroBatchesInOrder() {
        StepRequest request = request(new int[][]{{5, 3}, {9}, {1, 2, 4}}, 0.1, 0, 0);

        assertThat(request.batchSize()).isEqualTo(6);
        assertThat(request.allIndices()).containsExactly(5, 3, 9, 1, 2, 4);
    }

    @Test
    void rejectsNoMicroBatchOrAnEmptyOne() {
        assertThatThrownBy(() -> request(new int[0][], 0.1, 0, 0)).hasMessageContaining("at least one micro-batch");
        assertThatThrownBy(() -> request(new int[][]{{1}, {}}, 0.1, 0, 0))
                .hasMessageContaining("at least one sample");
    }

    @Test
    void rejectsANonPositiveRateANegativeDecayAndANegativeClip() {
        int[][] batch = {{1, 2}};
        assertThatThrownBy(() -> request(batch, 0, 0, 0)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> request(batch, Double.NaN, 0, 0)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> request(batch, 0.1, -0.01, 0)).hasMessageContaining("weight decay");
        assertThatThrownBy(() -> request(batch, 0.1, 0, -1)).hasMessageContaining("max gradient norm");
    }

    @Test
    void rejectsANegativeIteration() {
        assertThatThrownBy(() -> new StepRequest(new int[][]{{1}}, -1, 0, 0.1, 0, 0, false, null))
                .hasMessageContaining("iteration");
    }
}
