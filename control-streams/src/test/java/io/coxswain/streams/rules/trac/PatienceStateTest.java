package io.coxswain.streams.rules.trac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PatienceStateTest {

    @Test
    void thresholdTwoFiresOnTheThirdConsecutiveTrueAndStartsOver() {
        PatienceState state = new Patience(2, PatienceMode.RESET_ON_FAILURE).start();

        state = state.next(true).next(true);
        assertThat(state.fire()).isFalse();
        assertThat(state.counter()).isEqualTo(2);
        state = state.next(true);
        assertThat(state.fire()).isTrue();
        assertThat(state.counter()).isZero();
    }

    @Test
    void aFalseRuleResetsTheCounterOnlyInResetOnFailureMode() {
        assertThat(new Patience(2, PatienceMode.RESET_ON_FAILURE).start().next(true).next(true).next(false).counter())
                .isZero();
        assertThat(new Patience(2, PatienceMode.NO_RESET_ON_FAILURE).start().next(true).next(true).next(false)
                .counter()).isEqualTo(2);
        assertThat(new Patience(2, PatienceMode.NO_RESET_ON_FAILURE).start().next(true).next(false).next(true)
                .next(true).fire()).isTrue();
    }

    @Test
    void rejectsANegativeThreshold() {
        assertThatThrownBy(() -> new Patience(-1, PatienceMode.RESET_ON_FAILURE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("patience threshold must be >= 0, got -1");
    }
}
