package io.coxswain.streams.rules.trac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The patience counter matches a straightforward reading of TrAC's specification on random rule outcomes. */
class PatienceStatePropertyTest {

    @Property
    void firesExactlyWhenTheReferenceModelDoes(@ForAll @Size(max = 60) List<Boolean> outcomes,
            @ForAll @IntRange(min = 0, max = 6) int threshold, @ForAll boolean resetOnFailure) {
        Patience patience = new Patience(threshold,
                resetOnFailure ? PatienceMode.RESET_ON_FAILURE : PatienceMode.NO_RESET_ON_FAILURE);

        assertThat(run(patience, outcomes)).isEqualTo(reference(threshold, resetOnFailure, outcomes));
    }

    @Property
    void withoutPatienceFiresOnEveryTrueRule(@ForAll @Size(max = 60) List<Boolean> outcomes) {
        List<Boolean> fired = new ArrayList<>();
        PatienceState state = Patience.EVERY_TRUE.start();
        for (boolean outcome : outcomes) {
            state = state.next(outcome);
            fired.add(state.fire());
        }

        assertThat(fired).isEqualTo(outcomes);
    }

    @Property
    void neverFiresOnAFalseRule(@ForAll @Size(max = 60) List<Boolean> outcomes,
            @ForAll @IntRange(min = 0, max = 6) int threshold, @ForAll boolean resetOnFailure) {
        Patience patience = new Patience(threshold,
                resetOnFailure ? PatienceMode.RESET_ON_FAILURE : PatienceMode.NO_RESET_ON_FAILURE);
        List<String> fired = run(patience, outcomes);

        for (int i = 0; i < outcomes.size(); i++) {
            if (!outcomes.get(i)) {
                assertThat(fired.get(i)).startsWith("hold");
            }
        }
    }

    /** Each step as "fire/counter" or "hold/counter". */
    private static List<String> run(Patience patience, List<Boolean> outcomes) {
        List<String> steps = new ArrayList<>();
        PatienceState state = patience.start();
        for (boolean outcome : outcomes) {
            state = state.next(outcome);
            steps.add((state.fire() ? "fire/" : "hold/") + state.counter());
        }
        return steps;
    }

    private static List<String> reference(int threshold, boolean resetOnFailure, List<Boolean> outcomes) {
        List<String> steps = new ArrayList<>();
        int counter = 0;
        for (boolean outcome : outcomes) {
            boolean fire = false;
            if (outcome) {
                counter = counter + 1;
            } else if (resetOnFailure) {
                counter = 0;
            }
            if (outcome && counter > threshold) {
                fire = true;
                counter = 0;
            }
            steps.add((fire ? "fire/" : "hold/") + counter);
        }
        return steps;
    }
}
