package io.coxswain.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedPositionTest {
    private static final String PARTITION = "coxswain.control-3";

    @Test
    void aNewRunStartsAtTheEnd() {
        assertThat(FeedPosition.of(FeedStart.atEnd(), PARTITION, 10, 42))
                .isEqualTo(new FeedPosition(42, Optional.empty()));
    }

    @Test
    void aResumedRunStartsRightAfterTheLastRecordItAnswered() {
        assertThat(FeedPosition.of(FeedStart.afterOffset(20), PARTITION, 10, 42))
                .isEqualTo(new FeedPosition(21, Optional.empty()));
        assertThat(FeedPosition.of(FeedStart.afterOffset(41), PARTITION, 10, 42))
                .isEqualTo(new FeedPosition(42, Optional.empty()));
        assertThat(FeedPosition.of(FeedStart.afterOffset(-1), PARTITION, 0, 42))
                .isEqualTo(new FeedPosition(0, Optional.empty()));
    }

    @Test
    void startsFromTheEarliestOffsetWhenRetentionDeletedTheRecordsAfterTheAskedOne() {
        assertThat(FeedPosition.of(FeedStart.afterOffset(3), PARTITION, 10, 42)).isEqualTo(new FeedPosition(10,
                Optional.of("asked to read coxswain.control-3 after offset 3 but its earliest offset is now 10 "
                        + "(retention deleted older records): reading from 10; commands at offsets 4 to 9 are lost")));
    }

    @Test
    void startsFromTheEarliestOffsetWhenTheAskedOffsetIsPastTheEnd() {
        assertThat(FeedPosition.of(FeedStart.afterOffset(50), PARTITION, 0, 7)).isEqualTo(new FeedPosition(0,
                Optional.of("asked to read coxswain.control-3 after offset 50 but it ends at offset 7 "
                        + "(was the topic recreated?): reading from its earliest offset 0")));
    }

    @Test
    void refusesAnOffsetBelowMinusOne() {
        assertThatThrownBy(() -> FeedStart.afterOffset(-2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a feed starts after an offset >= -1, not -2");
    }
}
