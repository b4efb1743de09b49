package io.coxswain.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReasonsTest {

    @Test
    void cutsAnEchoedValueToItsStartAndLength() {
        assertThat(Reasons.shorten("p".repeat(1000))).isEqualTo("p".repeat(120) + "... (1000 characters)");
        assertThat(Reasons.shorten("learning_rate")).isEqualTo("learning_rate");
    }

    @Test
    void listsTwentyProblemsThenCountsTheRest() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            problems.add("problem " + i);
        }

        String reason = Reasons.join(problems);

        assertThat(reason).startsWith("problem 0; problem 1; ").endsWith("; problem 19; and 5 more problems");
    }

    @Test
    void cutsASingleHugeProblemInsteadOfDroppingIt() {
        String reason = Reasons.join(List.of("x".repeat(100_000)));

        assertThat(reason).hasSize(8000 + "... (100000 characters)".length()).endsWith("... (100000 characters)");
    }
}
