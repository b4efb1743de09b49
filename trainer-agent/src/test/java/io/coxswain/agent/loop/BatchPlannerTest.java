package io.coxswain.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.IntNode;
import io.coxswain.agent.data.Draw;
import io.coxswain.agent.data.MixingSampler;
import io.coxswain.agent.data.SamplerState;
import io.coxswain.agent.schedule.BatchSizeSchedule;
import io.coxswain.agent.workload.DataSource;
import io.coxswain.protocol.events.ScheduleRejected;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

    /** One step as the training loop takes it: choose, plan the next size, draw with that look-ahead. */
    private record Taken(BatchPlanner.Choice choice, Draw draw) {
    }

    private static final class Loop {
        final MixingSampler sampler;
        final BatchPlanner planner;
        final int accumulation;
        SamplerState at;
        long steps;

        Loop(int trainSize, boolean dropLast, BatchSizeSchedule schedule, int accumulation) {
            List<DataSource> sources = List.of(new DataSource("d", trainSize));
            this.sampler = new MixingSampler(7, sources, dropLast);
            this.planner = new BatchPlanner(schedule, accumulation, trainSize, schedule.sizeAt(0));
            this.accumulation = accumulation;
            this.at = SamplerState.start(sources);
        }

        Taken step() {
            BatchPlanner.Choice choice = planner.choose(steps, sampler, at);
            int planned = planner.planNext(steps + 1);
            Draw draw = sampler.draw(at, choice.size() * accumulation, null, planned * accumulation);
            at = draw.next();
            steps++;
            return new Taken(choice, draw);
        }
    }

    @Test
    void theScheduleChoosesUntilACommandOverridesIt() {
        Loop loop = new Loop(1000, false, new BatchSizeSchedule.Milestones(10, List.of(2L), 2, false), 1);

        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sizes.add(loop.step().choice().size());
        }
        loop.planner.override(7);
        sizes.add(loop.step().choice().size());

        assertThat(sizes).containsExactly(10, 10, 20, 7);
        assertThat(loop.planner.overridden()).isTrue();
        assertThat(loop.planner.commanded()).isEqualTo(7);
    }

    @Test
    void aRefusedScheduleValueKeepsThePreviousSizeAndIsReportedOnceUntilTheScheduleIsUsableAgain() {
        // 100 samples: 150 and 125 are refused, 100 and 75 are usable
        Loop loop = new Loop(100, false, new BatchSizeSchedule.Constant(40), 1);
        BatchSizeSchedule down = new BatchSizeSchedule.Linear(150, 75, 3);
        BatchPlanner planner = new BatchPlanner(down, 1, 100, 40);

        List<Optional<ScheduleRejected>> rejected = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (long step = 0; step < 4; step++) {
            BatchPlanner.Choice choice = planner.choose(step, loop.sampler, loop.at);
            sizes.add(choice.size());
            rejected.add(choice.rejected());
        }

        assertThat(List.of(down.sizeAt(0), down.sizeAt(1), down.sizeAt(2), down.sizeAt(3)))
                .containsExactly(150, 125, 100, 75);
        assertThat(sizes).containsExactly(40, 40, 100, 75);
        assertThat(rejected).containsExactly(
                Optional.of(new ScheduleRejected("batch_size", IntNode.valueOf(150), IntNode.valueOf(40),
                        "batch_size: the schedule's value 150 at step 1 is not a usable size (must be >= 1 and"
                                + " <= 100 so that 1 micro-batches fit in the training data); keeping 40 until the"
                                + " schedule gives a usable size again")),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void withDropLastACommandedSizeThatDoesNotFitWaitsForTheEpochsEnd() {
        Loop loop = new Loop(100, true, new BatchSizeSchedule.Constant(30), 1);

        Taken first = loop.step();
        loop.planner.override(80);
        Taken second = loop.step();
        Taken third = loop.step();

        // 70 samples are left after the first step: 80 waits; the second step's look-ahead drops the last 40
        assertThat(List.of(first, second, third)).extracting(t -> t.choice().size(), t -> t.draw().epochEnd(),
                        t -> t.draw().samplesDropped())
                .containsExactly(tuple(30, false, 0L),
                        tuple(30, true, 40L),
                        tuple(80, true, 60L));
    }

    /** Commands setting batch_size: step after which each arrives, and the size it sets. */
    private record Scenario(int trainSize, int accumulation, int initial, TreeMap<Integer, Integer> commands,
                            int steps) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Combinators.combine(Arbitraries.integers().between(5, 120), Arbitraries.integers().between(1, 3))
                .flatAs((trainSize, accumulation) -> {
                    int max = Math.max(1, trainSize / accumulation);
                    Arbitrary<Integer> size = Arbitraries.integers().between(1, max);
                    Arbitrary<TreeMap<Integer, Integer>> commands = Arbitraries.maps(
                            Arbitraries.integers().between(0, 40), size).ofMaxSize(6).map(TreeMap::new);
                    return Combinators.combine(size, commands, Arbitraries.integers().between(1, 60))
                            .as((initial, sent, steps) -> new Scenario(trainSize, accumulation, initial, sent,
                                    steps));
                });
    }

    @Property(tries = 300)
    void withDropLastEveryBatchIsFullEveryEpochEndIsFlaggedAndACommandedSizeStartsByTheNextEpoch(
            @ForAll("scenarios") Scenario scenario) {
        Loop loop = new Loop(scenario.trainSize(), true, new BatchSizeSchedule.Constant(scenario.initial()),
                scenario.accumulation());
        long epochEnds = 0;
        Integer waiting = null;
        for (int step = 0; step < scenario.steps(); step++) {
            Integer sent = scenario.commands().get(step);
            if (sent != null) {
                loop.planner.override(sent);
                waiting = sent;
            }
            long epochBefore = loop.at.epoch();
            boolean epochStart = loop.at.consumed() == 0;
            Taken taken = loop.step();
            int size = taken.choice().size();
            assertThat(taken.draw().indices()).hasSize(size * scenario.accumulation());
            // no batch is drawn from the next epoch after an unflagged drop
            assertThat(loop.at.epoch() - epochBefore).isEqualTo(taken.draw().epochEnd() ? 1 : 0);
            epochEnds += taken.draw().epochEnd() ? 1 : 0;
            if (waiting != null && (size == waiting || epochStart)) {
                assertThat(size).as("the commanded size is used at the latest from an epoch's start")
                        .isEqualTo(waiting);
                waiting = null;
            }
        }
        assertThat(epochEnds).isEqualTo(loop.at.epoch());
        assertThat(loop.at.samplesSeen() + loop.at.samplesDropped())
                .isEqualTo(loop.at.epoch() * scenario.trainSize() + loop.at.consumed());
    }
}
