package io.coxswain.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromOneTenthOfASecondUpToTheBound() {
        Backoff backoff = new Backoff(Duration.ofSeconds(5));
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            waits.add(backoff.next().toMillis());
        }

        assertThat(waits).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
        assertThat(backoff.failures()).isEqualTo(9);
    }

    @Test
    void staysBoundedAfterManyFailures() {
        Backoff backoff = new Backoff(Duration.ofSeconds(5));
        for (int i = 0; i < 10_000; i++) {
            backoff.next();
        }

        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void startsOverAfterASuccess() {
        Backoff backoff = new Backoff(Duration.ofSeconds(5));
        backoff.next();
        backoff.next();

        backoff.reset();

        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.failures()).isEqualTo(1);
    }
}
