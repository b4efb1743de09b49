package io.coxswain.ledger.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LossComparisonTest {
    private static TreeMap<Long, Double> losses(double... values) {
        TreeMap<Long, Double> byStep = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            byStep.put(i + 1L, values[i]);
        }
        return byStep;
    }

    @Test
    void equalBitForBitAtEveryStepMatches() {
        LossComparison same = LossComparison.of(losses(1.5, 0.1 + 0.2, Double.NaN), losses(1.5, 0.1 + 0.2, Double.NaN));

        assertThat(same).isEqualTo(new LossComparison(3, null, null, null));
        assertThat(same.describe()).isEqualTo("loss sequence matched exactly over 3 steps");
    }

    @Test
    void namesTheFirstStepThatDiffersEvenInTheLastBit() {
        LossComparison differs = LossComparison.of(losses(1.5, 0.30000000000000004, 0.2),
                losses(1.5, 0.3, 0.1));

        assertThat(differs).isEqualTo(new LossComparison(1, 2L, 0.30000000000000004, 0.3));
        assertThat(differs.describe()).isEqualTo("loss sequence differs first at step 2 (after 1 matching step):"
                + " original 0.30000000000000004, replay 0.3");
        assertThat(LossComparison.of(losses(0.0), losses(-0.0)).matched()).isFalse();
    }

    @Test
    void aRunThatEndsEarlierDiffersAtTheFirstStepTheOtherHas() {
        LossComparison shorter = LossComparison.of(losses(1.5, 1.4, 1.3), losses(1.5, 1.4));

        assertThat(shorter).isEqualTo(new LossComparison(2, 3L, 1.3, null));
        assertThat(shorter.describe()).isEqualTo("loss sequence differs first at step 3 (after 2 matching steps):"
                + " original 1.3, replay no such step");
        assertThat(LossComparison.of(new TreeMap<>(Map.of(2L, 1.0)), losses(1.0, 1.0)).differsAt()).isEqualTo(1L);
    }
}
