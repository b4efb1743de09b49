package io.coxswain.streams.cohort;

import static io.coxswain.streams.cohort.CohortEvents.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.commands.ControlCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/** ASHA's first rung, for any arrival order: the engine stops exactly the runs a reference model stops. */
class SuccessiveHalvingPropertyTest {

    @Property(tries = 40)
    void stopsExactlyTheRunsOutsideTheTopOfThoseSeenOnArrival(
            @ForAll @Size(min = 1, max = 12) @UniqueElements List<@IntRange(min = 0, max = 1000) Integer> losses,
            @ForAll @IntRange(min = 2, max = 4) int eta) {
        Cohort cohort = new Cohort(SuccessiveHalvingTest.YAML.replace("eta: 3", "eta: " + eta));
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < losses.size(); i++) {
            runs.add("run-" + i);
            cohort.feed(step("run-" + i, 100, losses.get(i)));
        }

        Set<String> stopped = new TreeSet<>(cohort.commands.stream().map(ControlCommand::runId).toList());

        assertThat(stopped).isEqualTo(reference(runs, losses, eta));
        int best = losses.indexOf(losses.stream().min(Integer::compare).orElseThrow());
        assertThat(stopped).doesNotContain(runs.get(best)).doesNotContain(runs.get(0));
    }

    /** Arrival i (1-based) goes on when fewer than ceil(i / eta) of the earlier arrivals are better. */
    private static Set<String> reference(List<String> runs, List<Integer> losses, int eta) {
        Set<String> stopped = new TreeSet<>();
        for (int i = 0; i < losses.size(); i++) {
            int value = losses.get(i);
            long better = losses.subList(0, i).stream().filter(other -> other < value).count();
            long keep = (i + 1 + eta - 1) / eta;
            if (better + 1 > keep) {
                stopped.add(runs.get(i));
            }
        }
        return stopped;
    }
}
