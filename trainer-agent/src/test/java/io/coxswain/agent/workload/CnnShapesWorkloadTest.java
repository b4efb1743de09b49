package io.coxswain.agent.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CnnShapesWorkloadTest extends WorkloadContract {

    @Override
    WorkloadProvider provider() {
        return new CnnShapesProvider();
    }

    @Override
    double warmUpRate() {
        return 0.02;
    }

    @Override
    int learningSteps() {
        return 60;
    }

    @Override
    double learnedAccuracy() {
        return 0.45;
    }

    @Test
    void feedsOneChannelSixteenBySixteenImagesFromOneSource() {
        NetworkWorkload workload = create(7, Optimizer.ADAM, 0.01);

        Batch batch = workload.train().batch(new int[]{0, 1, 2});

        assertThat(batch.features().shape()).containsExactly(3, 1, 16, 16);
        assertThat(batch.labels().shape()).containsExactly(3, 4);
        assertThat(workload.sources()).containsExactly(new DataSource("shapes", 4000));
        assertThat(workload.heldOutSize()).isEqualTo(1000);
    }

    @Test
    void drawsEveryShapeWithItsOwnOutline() {
        double radius = 5;
        // The center pixel is inked for all four; a point on the diagonal near the corner only for the square.
        for (int shape = 0; shape < 4; shape++) {
            assertThat(ShapesData.inside(shape, 0, 0, radius)).as("shape %d center", shape).isTrue();
        }
        assertThat(ShapesData.inside(1, 3.5, 3.5, radius)).isTrue();
        assertThat(ShapesData.inside(0, 3.9, 3.9, radius)).isFalse();
        assertThat(ShapesData.inside(3, 3.5, 3.5, radius)).isFalse();
        // The triangle points up: wide at the bottom (dy > 0), narrow at the top.
        assertThat(ShapesData.inside(2, 4, 4.5, radius)).isTrue();
        assertThat(ShapesData.inside(2, 4, -4.5, radius)).isFalse();
    }

    @Test
    void generatesTheSameImagesOnEveryCall() {
        assertThat(ShapesData.generate()).isEqualTo(ShapesData.generate());
    }
}
