package io.coxswain.agent.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.config.IntervalStrategy;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochsInARunTest {
    private static final int N = 8000;

    @TempDir
    Path checkpoints;

    @Test
    void withDropLastEachEpochEndsOnAFullBatchAndItsRemainderIsCountedAsDropped() {
        AgentRun run = new AgentRun();

        // 3000 does not divide 8000: two batches an epoch, and the last 2000 samples of each are dropped
        RunOutcome outcome = run.run(AgentRun.config(checkpoints).maxSteps(null).numTrainEpochs(2.0).batchSize(3000)
                .dropLast(true).evalStrategy(IntervalStrategy.EPOCH).build());

        List<StepCompleted> steps = run.steps();
        assertThat(steps).extracting(StepCompleted::batchSize, StepCompleted::samplesSeen,
                        StepCompleted::samplesDropped, StepCompleted::epochEnd, StepCompleted::trainCoverage,
                        StepCompleted::epoch)
                .containsExactly(
                        tuple(3000, 3000L, 0L, false, 3000.0 / N, 3000.0 / N),
                        tuple(3000, 6000L, 2000L, true, 1.0, 1.0),
                        tuple(3000, 9000L, 2000L, false, 3000.0 / N, 11000.0 / N),
                        tuple(3000, 12000L, 4000L, true, 1.0, 2.0));
        double lastEpoch = steps.get(steps.size() - 1).epoch();
        assertThat(steps.stream().filter(StepCompleted::epochEnd).count()).isEqualTo((long) Math.floor(lastEpoch));
        assertThat(run.sink.events()).filteredOn(e -> e.event() instanceof EvalCompleted)
                .extracting(e -> e.step()).containsExactly(2L, 4L);
        assertThat(run.sink.eventsOf(RunStarted.class).get(0).plannedSteps()).isEqualTo(4);
        assertThat(run.sink.eventsOf(RunFinished.class))
                .containsExactly(new RunFinished(RunFinished.COMPLETED, "completed 2.0 epochs in 4 steps"));
        assertThat(outcome.completed()).isTrue();
    }

    @Test
    void withoutDropLastTheEpochsLastBatchIsShortAndNothingIsDropped() {
        AgentRun run = new AgentRun();

        run.run(AgentRun.config(checkpoints).maxSteps(null).numTrainEpochs(1.0).batchSize(3000).build());

        assertThat(run.steps()).extracting(StepCompleted::batchSize, StepCompleted::samplesDropped,
                        StepCompleted::epochEnd, StepCompleted::epoch)
                .containsExactly(tuple(3000, 0L, false, 3000.0 / N), tuple(3000, 0L, false, 6000.0 / N),
                        tuple(2000, 0L, true, 1.0));
    }

    @Test
    void withGradientAccumulationAStepsBatchSizeCountsEveryMicroBatch() {
        AgentRun run = new AgentRun();

        run.run(AgentRun.config(checkpoints).maxSteps(3).batchSize(16).gradientAccumulationSteps(2).build());

        assertThat(run.steps()).extracting(StepCompleted::batchSize, StepCompleted::samplesSeen)
                .containsExactly(tuple(32, 32L), tuple(32, 64L), tuple(32, 96L));
    }
}
