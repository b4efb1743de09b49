package io.coxswain.agent.resume;

import static io.coxswain.agent.control.TestCommands.set;
import static io.coxswain.agent.control.TestCommands.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.IntervalStrategy;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.InMemoryCommandFeed;
import io.coxswain.agent.control.TestCommands;
import io.coxswain.agent.events.EventListener;
import io.coxswain.agent.events.RecordingEventSink;
import io.coxswain.agent.replay.ScheduledChanges;
import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.schedule.ControlSchedule;
import io.coxswain.protocol.schedule.ScheduleEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run following a schedule crashes after step 7 and resumes from its checkpoint at step 4: the checkpoint keeps the
 * schedule, the entry it had applied before the checkpoint is not applied again, the one it had answered after it is
 * re-applied silently at its step, and the one after the crash is applied and answered, exactly as without a crash.
 */
class ResumeAScheduledRunTest {
    private static final long CRASH_AFTER = 7;
    private static final ControlSchedule SCHEDULE = new ControlSchedule("r-0", List.of(
            new ScheduleEntry(2, List.of(set("learning_rate", 0.003)), null),
            new ScheduleEntry(6, List.of(set("weight_decay", 0.02), trigger("evaluate")), null),
            new ScheduleEntry(9, List.of(set("learning_rate", 0.0015)), null)));

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    private static TrainingConfig config(Path checkpoints) {
        return TrainingConfig.builder(TestCommands.RUN).maxSteps(12).loggingSteps(1).evalStrategy(IntervalStrategy.NO)
                .saveStrategy(IntervalStrategy.STEPS).saveSteps(4).checkpointDir(checkpoints).build();
    }

    @Test
    void aResumedRunFollowsTheRestOfItsScheduleExactlyOnce() {
        ScheduledChanges scheduled = ScheduledChanges.fromFile("recipe.yaml", SCHEDULE);
        RecordingEventSink sinkA = new RecordingEventSink();
        try (TrainerAgent a = new TrainerAgent(config(dirA), sinkA, new InMemoryCommandFeed(TestCommands.RUN),
                EventListener.NONE, null, System.nanoTime(), scheduled)) {
            assertThat(a.run().completed()).isTrue();
        }
        RecordingEventSink sinkB = new RecordingEventSink();
        EventListener crash = event -> {
            if (event.event() instanceof StepCompleted && event.step() == CRASH_AFTER) {
                throw new IllegalStateException("the process died");
            }
        };
        try (TrainerAgent b = new TrainerAgent(config(dirB), sinkB, new InMemoryCommandFeed(TestCommands.RUN), crash,
                null, System.nanoTime(), scheduled)) {
            assertThat(b.run().failed()).isTrue();
        }
        List<EventEnvelope> publishedByB = sinkB.events().stream()
                .filter(e -> !(e.event() instanceof RunFinished)).toList();

        Resumer.Resumable resumable = Resumer.prepare(dirB, TestCommands.RUN,
                (runId, after) -> RunHistory.of(publishedByB, after.lastSeq(), after.step()));
        assertThat(resumable.schedule()).isEqualTo(scheduled);
        RecordingEventSink resumedSink = new RecordingEventSink();
        RunOutcome outcome;
        try (TrainerAgent resumed = new TrainerAgent(resumable.config(), resumedSink,
                new InMemoryCommandFeed(TestCommands.RUN), EventListener.NONE, resumable.point(), System.nanoTime(),
                resumable.schedule())) {
            outcome = resumed.run();
        }

        assertThat(outcome.completed()).isTrue();
        assertThat(resumedSink.events()).filteredOn(e -> e.event() instanceof CommandAnswer)
                .extracting(EventEnvelope::step, e -> ((CommandAnswer) e.event()).commandId())
                .containsExactly(tuple(9L, "schedule-r-1-3"));
        assertThat(losses(Stream.concat(publishedByB.stream(), resumedSink.events().stream())))
                .containsExactlyElementsOf(losses(sinkA.events().stream()));
        assertThat(sinkA.events()).filteredOn(e -> e.event() instanceof CommandAnswer)
                .extracting(EventEnvelope::step).containsExactly(2L, 6L, 6L, 9L);
    }

    private static List<Double> losses(Stream<EventEnvelope> events) {
        return events.map(EventEnvelope::event).filter(StepCompleted.class::isInstance)
                .map(e -> ((StepCompleted) e).loss()).toList();
    }
}
