package io.coxswain.streams.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventHeader;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NotBlank;

class CommandPlacementPropertyTest {
    private static final Instant TIME = Instant.parse("2026-11-22T10:00:00Z");

    @Property(tries = 300)
    void exactlyOnePartitionIsRightForEveryRun(@ForAll @NotBlank String runId,
                                               @ForAll @IntRange(min = 1, max = 64) int partitions) {
        // jqwik's @NotBlank can still give a string Java calls blank (e.g. "\u2000"): such a key is Unkeyed
        Assume.that(!runId.isBlank());
        List<Placement> placements = IntStream.range(0, partitions)
                .mapToObj(p -> CommandPlacement.judge(new ControlRecord(runId, null, p, 0, TIME), partitions))
                .toList();

        assertThat(placements).filteredOn(Placement.Correct.class::isInstance).hasSize(1);
        assertThat(placements).filteredOn(p -> !(p instanceof Placement.Correct))
                .allSatisfy(p -> assertThat(p).isInstanceOfSatisfying(Placement.Misplaced.class, misplaced -> {
                    EventHeader header = misplaced.answer().header();
                    assertThat(header.runId()).isEqualTo(runId);
                    assertThat(header.seq()).isZero();
                    assertThat(misplaced.answer().event()).isInstanceOf(CommandRejected.class);
                }));
    }
}
