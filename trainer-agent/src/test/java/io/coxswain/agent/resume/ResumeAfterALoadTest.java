package io.coxswain.agent.resume;

import static io.coxswain.agent.control.TestCommands.command;
import static io.coxswain.agent.control.TestCommands.load;
import static io.coxswain.agent.control.TestCommands.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.IntervalStrategy;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.InMemoryCommandFeed;
import io.coxswain.agent.control.TestCommands;
import io.coxswain.agent.events.DiscardingEventSink;
import io.coxswain.agent.events.EventListener;
import io.coxswain.agent.events.RecordingEventSink;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.StepCompleted;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that loaded another run's checkpoint after its own checkpoint and then crashed loads it again when it
 * re-executes its steps, so it goes on exactly as the same run without the crash.
 */
class ResumeAfterALoadTest {
    private static final long LOAD_AFTER = 5;
    private static final long CRASH_AFTER = 6;

    @TempDir
    Path leaderDir;
    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    private Path leaderCheckpoint() {
        TrainingConfig leader = TrainingConfig.builder("r-a").seed(7).maxSteps(5).evalStrategy(IntervalStrategy.NO)
                .checkpointDir(leaderDir).build();
        try (TrainerAgent agent = new TrainerAgent(leader, new DiscardingEventSink(), new InMemoryCommandFeed("r-a"))) {
            agent.run();
        }
        return leaderDir.resolve("r-a/final-step-000005").toAbsolutePath();
    }

    private static TrainingConfig config(Path checkpoints) {
        return TrainingConfig.builder(TestCommands.RUN).maxSteps(8).evalStrategy(IntervalStrategy.NO)
                .saveStrategy(IntervalStrategy.STEPS).saveSteps(4).checkpointDir(checkpoints).build();
    }

    /** Sends the exploit command after step 5; {@code crashAfter} > 0 dies right after that step. */
    private static EventListener script(InMemoryCommandFeed feed, ControlCommand exploit, long crashAfter) {
        return event -> {
            if (event.event() instanceof StepCompleted && event.step() == crashAfter) {
                throw new IllegalStateException("the process died");
            }
            if (event.event() instanceof StepCompleted && event.step() == LOAD_AFTER) {
                feed.send(exploit);
            }
        };
    }

    private static List<Double> losses(Stream<EventEnvelope> events) {
        return events.filter(e -> e.event() instanceof StepCompleted).map(e -> ((StepCompleted) e.event()).loss())
                .toList();
    }

    @Test
    void reExecutingTheStepsLoadsTheCheckpointAgainAndAnswersNothingTwice() {
        ControlCommand exploit = command("c-exploit", load(leaderCheckpoint().toString(), "r-a"),
                set("learning_rate", 0.002));
        RecordingEventSink sinkA = new RecordingEventSink();
        InMemoryCommandFeed feedA = new InMemoryCommandFeed(TestCommands.RUN);
        try (TrainerAgent a = new TrainerAgent(config(dirA), sinkA, feedA, script(feedA, exploit, -1))) {
            assertThat(a.run().completed()).isTrue();
        }
        RecordingEventSink sinkB = new RecordingEventSink();
        InMemoryCommandFeed feedB = new InMemoryCommandFeed(TestCommands.RUN);
        try (TrainerAgent b = new TrainerAgent(config(dirB), sinkB, feedB, script(feedB, exploit, CRASH_AFTER))) {
            assertThat(b.run().failed()).isTrue();
        }
        List<EventEnvelope> publishedByB = sinkB.events().stream()
                .filter(e -> !(e.event() instanceof RunFinished)).toList();

        InMemoryCommandFeed partition = new InMemoryCommandFeed(TestCommands.RUN);
        partition.send(exploit);
        Resumer.Resumable resumable = Resumer.prepare(dirB, TestCommands.RUN,
                (runId, after) -> RunHistory.of(publishedByB, after.lastSeq(), after.step()));
        RecordingEventSink resumedSink = new RecordingEventSink();
        try (TrainerAgent resumed = new TrainerAgent(resumable.config(), resumedSink, partition, EventListener.NONE,
                resumable.point(), System.nanoTime())) {
            assertThat(resumed.run().completed()).isTrue();
        }

        assertThat(resumedSink.eventsOf(CommandAnswer.class)).isEmpty();
        List<Double> lossesOfA = losses(sinkA.events().stream());
        assertThat(lossesOfA).hasSize(8);
        assertThat(losses(Stream.concat(publishedByB.stream(), resumedSink.events().stream())))
                .containsExactlyElementsOf(lossesOfA);
    }
}
