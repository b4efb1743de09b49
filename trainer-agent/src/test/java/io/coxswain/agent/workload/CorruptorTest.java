package io.coxswain.agent.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class CorruptorTest {

    private static Batch classification(int size, int classes) {
        float[] labels = new float[size * classes];
        float[] features = new float[size * 3];
        for (int i = 0; i < size; i++) {
            labels[i * classes + i % classes] = 1f;
            Arrays.fill(features, i * 3, i * 3 + 3, i);
        }
        return new Batch(Nd4j.create(features, new int[]{size, 3}), Nd4j.create(labels, new int[]{size, classes}));
    }

    private static boolean damaged(int[] positions, int sample) {
        return Arrays.binarySearch(positions, sample) >= 0;
    }

    @Test
    void damagesTheRoundedShareOfTheBatchButAlwaysAtLeastOneSample() {
        assertThat(new Corruption(Corruption.LABEL_NOISE, 0.25, 1).count(10)).isEqualTo(3);
        assertThat(new Corruption(Corruption.LABEL_NOISE, 0.01, 1).count(10)).isEqualTo(1);
        assertThat(new Corruption(Corruption.LABEL_NOISE, 1.0, 1).count(10)).isEqualTo(10);
        int[] positions = Corruptor.positions(new Corruption(Corruption.LABEL_NOISE, 0.5, 3), 40);
        assertThat(positions).hasSize(20).doesNotHaveDuplicates().isSorted();
        assertThat(positions[0]).isNotNegative();
        assertThat(positions[19]).isLessThan(40);
    }

    @Test
    void labelNoiseGivesEachDamagedSampleAnotherClassAndLeavesTheRestAndTheInputAlone() {
        Batch batch = classification(40, 4);
        INDArray labelsBefore = batch.labels().dup();
        Corruption corruption = new Corruption(Corruption.LABEL_NOISE, 0.3, 5);

        Batch result = Corruptor.apply(batch, corruption);

        int[] positions = Corruptor.positions(corruption, 40);
        assertThat(batch.labels()).isEqualTo(labelsBefore);
        assertThat(result.features()).isSameAs(batch.features());
        assertThat(result.labels().sum(1).toDoubleVector()).containsOnly(1.0);
        INDArray before = batch.labels().argMax(1);
        INDArray after = result.labels().argMax(1);
        for (int i = 0; i < 40; i++) {
            assertThat(after.getInt(i) != before.getInt(i)).as("sample %d changed", i).isEqualTo(damaged(positions, i));
        }
    }

    @Test
    void labelNoiseOnSequencesChangesTheTargetAtEveryTimeStepOfADamagedSample() {
        int size = 8;
        int classes = 5;
        int steps = 6;
        INDArray labels = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, size, classes, steps);
        for (int i = 0; i < size; i++) {
            for (int t = 0; t < steps; t++) {
                labels.putScalar(new int[]{i, (i + t) % classes, t}, 1f);
            }
        }
        Batch batch = new Batch(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, size, classes, steps), labels);
        Corruption corruption = new Corruption(Corruption.LABEL_NOISE, 0.25, 8);

        Batch result = Corruptor.apply(batch, corruption);

        int[] positions = Corruptor.positions(corruption, size);
        assertThat(positions).hasSize(2);
        for (int i = 0; i < size; i++) {
            INDArray was = labels.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all()).argMax(0);
            INDArray is = result.labels().get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all())
                    .argMax(0);
            for (int t = 0; t < steps; t++) {
                assertThat(is.getInt(t) != was.getInt(t)).as("sample %d step %d", i, t)
                        .isEqualTo(damaged(positions, i));
            }
        }
    }

    @Test
    void featureNoiseReplacesTheDamagedSamplesFeaturesWithLargeNoiseOfAnyShape() {
        INDArray images = Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 10, 1, 4, 4);
        Batch batch = new Batch(images, Nd4j.eye(10).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        Corruption corruption = new Corruption(Corruption.FEATURE_NOISE, 0.2, 11);

        Batch result = Corruptor.apply(batch, corruption);

        int[] positions = Corruptor.positions(corruption, 10);
        assertThat(images.minNumber().doubleValue()).isEqualTo(1.0);
        assertThat(result.labels()).isSameAs(batch.labels());
        assertThat(result.features().shape()).containsExactly(10, 1, 4, 4);
        for (int i = 0; i < 10; i++) {
            INDArray sample = result.features().get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all());
            if (damaged(positions, i)) {
                assertThat(sample.stdNumber().doubleValue()).as("sample %d", i).isGreaterThan(3.0);
            } else {
                assertThat(sample.stdNumber().doubleValue()).as("sample %d", i).isZero();
            }
        }
    }

    @Test
    void theSameSeedDamagesTheSameWayAndAnotherSeedDoesNot() {
        Batch batch = classification(64, 4);

        Batch first = Corruptor.apply(batch, new Corruption(Corruption.LABEL_NOISE, 0.5, 21));
        Batch second = Corruptor.apply(batch, new Corruption(Corruption.LABEL_NOISE, 0.5, 21));
        Batch other = Corruptor.apply(batch, new Corruption(Corruption.LABEL_NOISE, 0.5, 22));

        assertThat(second.labels()).isEqualTo(first.labels());
        assertThat(other.labels()).isNotEqualTo(first.labels());
    }

    @Test
    void rejectsAnUnknownKindAndAFractionOutsideZeroToOne() {
        assertThatThrownBy(() -> new Corruption("pixel_rot", 0.1, 1)).hasMessageContaining("unknown corruption")
                .hasMessageContaining("label_noise, feature_noise");
        assertThatThrownBy(() -> new Corruption(Corruption.LABEL_NOISE, 0, 1)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new Corruption(Corruption.LABEL_NOISE, 1.5, 1)).hasMessageContaining("(0, 1]");
    }
}
