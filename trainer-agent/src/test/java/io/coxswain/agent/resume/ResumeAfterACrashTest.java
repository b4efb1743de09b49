package io.coxswain.agent.resume;

import static io.coxswain.agent.control.TestCommands.ALICE;
import static io.coxswain.agent.control.TestCommands.command;
import static io.coxswain.agent.control.TestCommands.set;
import static io.coxswain.agent.control.TestCommands.trigger;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.IntervalStrategy;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.InMemoryCommandFeed;
import io.coxswain.agent.control.TestCommands;
import io.coxswain.agent.events.EventListener;
import io.coxswain.agent.events.RecordingEventSink;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunPaused;
import io.coxswain.protocol.events.RunResumed;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StateLogged;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run A trains 12 steps without stopping. Run B, the same run with the same commands, checkpoints every 4 steps and
 * crashes right after publishing step 7; it is resumed from its checkpoint at step 4 with the events it had
 * published and its control partition, where two more commands were sent while it was down.
 */
class ResumeAfterACrashTest {
    private static final long CRASH_AFTER = 7;

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    /** The commands sent right after the StepCompleted of each step, in the order they are sent. */
    private static final Map<Long, List<ControlCommand>> BEFORE_THE_CRASH = new TreeMap<>(Map.of(
            2L, List.of(command("c-lr", set("learning_rate", 0.003))),
            5L, List.of(command("c-batch", set("batch_size", 48))),
            6L, List.of(command("c-batch", set("batch_size", 48)), command("c-eval", trigger("evaluate")),
                    command("c-epoch", trigger("epoch_stop")))));
    /** Sent after step 7: to A while it trains, to B while it is down. */
    private static final List<ControlCommand> WHILE_DOWN = List.of(command("c-lr-2", set("learning_rate", 0.002)),
            command("c-lr", set("learning_rate", 0.003)));

    private static TrainingConfig config(Path checkpoints) {
        return TrainingConfig.builder(TestCommands.RUN).maxSteps(12).loggingSteps(1).evalStrategy(IntervalStrategy.NO)
                .saveStrategy(IntervalStrategy.STEPS).saveSteps(4).checkpointDir(checkpoints).build();
    }

    private static final class Crash extends RuntimeException {
        Crash() {
            super("the process died");
        }
    }

    /** Sends the scripted commands after their steps; {@code crashAfter} > 0 dies right after that step. */
    private static EventListener script(InMemoryCommandFeed feed, long crashAfter) {
        return event -> {
            if (!(event.event() instanceof StepCompleted)) {
                return;
            }
            if (event.step() == crashAfter) {
                throw new Crash();
            }
            BEFORE_THE_CRASH.getOrDefault(event.step(), List.of()).forEach(feed::send);
            if (event.step() == CRASH_AFTER) {
                WHILE_DOWN.forEach(feed::send);
            }
        };
    }

    @Test
    void aRunResumedAfterACrashContinuesExactlyAsIfItHadNotStopped() {
        RecordingEventSink sinkA = new RecordingEventSink();
        InMemoryCommandFeed feedA = new InMemoryCommandFeed(TestCommands.RUN);
        try (TrainerAgent a = new TrainerAgent(config(dirA), sinkA, feedA, script(feedA, -1))) {
            assertThat(a.run().completed()).isTrue();
        }
        RecordingEventSink sinkB = new RecordingEventSink();
        InMemoryCommandFeed feedB = new InMemoryCommandFeed(TestCommands.RUN);
        try (TrainerAgent b = new TrainerAgent(config(dirB), sinkB, feedB, script(feedB, CRASH_AFTER))) {
            assertThat(b.run().failed()).isTrue();
        }
        // what a real crash leaves: the events published up to step 7 (not the RunFinished of the failure)
        List<EventEnvelope> publishedByB = sinkB.events().stream()
                .filter(e -> !(e.event() instanceof RunFinished)).toList();
        EventEnvelope lastOfB = publishedByB.get(publishedByB.size() - 1);
        assertThat(lastOfB.event()).isInstanceOf(StepCompleted.class);
        assertThat(lastOfB.step()).isEqualTo(CRASH_AFTER);

        // B's control partition: what it was sent before the crash, then what was sent while it was down
        InMemoryCommandFeed partition = new InMemoryCommandFeed(TestCommands.RUN);
        BEFORE_THE_CRASH.values().forEach(commands -> commands.forEach(partition::send));
        WHILE_DOWN.forEach(partition::send);
        Resumer.Resumable resumable = Resumer.prepare(dirB, TestCommands.RUN,
                (runId, after) -> RunHistory.of(publishedByB, after.lastSeq(), after.step()));
        RecordingEventSink resumedSink = new RecordingEventSink();
        RunOutcome outcome;
        try (TrainerAgent resumed = new TrainerAgent(resumable.config(), resumedSink, partition, EventListener.NONE,
                resumable.point(), System.nanoTime())) {
            outcome = resumed.run();
        }

        List<EventEnvelope> resumedEvents = resumedSink.events();
        Path checkpoint = dirB.resolve("r-1/step-000004").toAbsolutePath();
        assertThat(resumedEvents.get(0).event()).isInstanceOfSatisfying(RunStarted.class, started -> {
            assertThat(started.resumedFromStep()).isEqualTo(4);
            assertThat(started.checkpoint()).isEqualTo(checkpoint.toString());
        });
        assertThat(resumedEvents).extracting(e -> e.header().seq()).containsExactlyElementsOf(LongStream
                .rangeClosed(lastOfB.header().seq() + 1, lastOfB.header().seq() + resumedEvents.size()).boxed()
                .toList());
        assertThat(resumedSink.eventsOf(StepCompleted.class)).hasSize(5);
        assertThat(resumedEvents).filteredOn(e -> e.event() instanceof StepCompleted).extracting(EventEnvelope::step)
                .containsExactly(8L, 9L, 10L, 11L, 12L);
        // only the commands sent while it was down are answered, once each
        assertThat(resumedSink.eventsOf(CommandAnswer.class)).containsExactly(
                new ParameterChanged("c-lr-2", "learning_rate", DoubleNode.valueOf(0.003), DoubleNode.valueOf(0.002),
                        ALICE),
                new CommandIgnored("c-lr", CommandIgnored.DUPLICATE));
        // after the restart the run publishes what A published after step 7
        assertThat(comparable(resumedEvents.subList(1, resumedEvents.size())))
                .containsExactlyElementsOf(comparable(after(sinkA.events(), CRASH_AFTER)));
        List<Double> lossesOfA = losses(sinkA.events().stream());
        assertThat(lossesOfA).hasSize(12).doesNotHaveDuplicates();
        assertThat(losses(Stream.concat(publishedByB.stream(), resumedEvents.stream())))
                .containsExactlyElementsOf(lossesOfA);
        assertThat(outcome.completed()).isTrue();
        assertThat(outcome.stepsDone()).isEqualTo(12);
    }

    @Test
    void aRunThatCrashedWhilePausedIsPausedAgainAfterTheRestartUntilItIsResumed() {
        ControlCommand pause = command("c-pause", trigger("pause"));
        RecordingEventSink sinkB = new RecordingEventSink();
        InMemoryCommandFeed feedB = new InMemoryCommandFeed(TestCommands.RUN);
        EventListener pauseAfterStep6ThenCrash = event -> {
            if (event.event() instanceof StepCompleted && event.step() == 6) {
                feedB.send(pause);
            } else if (event.event() instanceof RunPaused) {
                throw new Crash();
            }
        };
        try (TrainerAgent b = new TrainerAgent(config(dirB), sinkB, feedB, pauseAfterStep6ThenCrash)) {
            assertThat(b.run().failed()).isTrue();
        }
        List<EventEnvelope> publishedByB = sinkB.events().stream()
                .filter(e -> !(e.event() instanceof RunFinished)).toList();
        assertThat(publishedByB.get(publishedByB.size() - 1).event()).isInstanceOf(RunPaused.class);

        InMemoryCommandFeed partition = new InMemoryCommandFeed(TestCommands.RUN);
        partition.send(pause);
        partition.send(command("c-log", trigger("log")));
        partition.send(command("c-resume", trigger("resume")));
        Resumer.Resumable resumable = Resumer.prepare(dirB, TestCommands.RUN,
                (runId, after) -> RunHistory.of(publishedByB, after.lastSeq(), after.step()));
        RecordingEventSink resumedSink = new RecordingEventSink();
        try (TrainerAgent resumed = new TrainerAgent(resumable.config(), resumedSink, partition, EventListener.NONE,
                resumable.point(), System.nanoTime())) {
            assertThat(resumed.run().completed()).isTrue();
        }

        List<RunEvent> events = resumedSink.events().stream().map(EventEnvelope::event).toList();
        StateLogged logged = (StateLogged) events.get(2);
        double pausedSeconds = ((RunResumed) events.get(4)).pausedSeconds();
        assertThat(events.subList(1, 6)).containsExactly(
                new TriggerFired("c-log", "log", ALICE),
                logged,
                new TriggerFired("c-resume", "resume", ALICE),
                new RunResumed("c-resume", pausedSeconds, "user alice (command c-resume)"),
                resumedSink.eventsOf(StepCompleted.class).get(0));
        assertThat(logged.state().get("paused").booleanValue()).isTrue();
        assertThat(logged.state().get("step").longValue()).isEqualTo(6);
        assertThat(resumedSink.events()).filteredOn(e -> e.event() instanceof StepCompleted)
                .extracting(EventEnvelope::step).containsExactly(7L, 8L, 9L, 10L, 11L, 12L);
    }

    private static List<Double> losses(Stream<EventEnvelope> events) {
        return events.map(EventEnvelope::event).filter(StepCompleted.class::isInstance)
                .map(e -> ((StepCompleted) e).loss()).toList();
    }

    private static List<EventEnvelope> after(List<EventEnvelope> events, long step) {
        int from = 0;
        while (!(events.get(from).event() instanceof StepCompleted && events.get(from).step() == step)) {
            from++;
        }
        return events.subList(from + 1, events.size());
    }

    /** Step and event, without what differs between two processes: times, energy, checkpoint locations and sizes. */
    private static List<String> comparable(List<EventEnvelope> events) {
        List<String> out = new ArrayList<>();
        for (EventEnvelope e : events) {
            RunEvent event = e.event();
            if (event instanceof StepCompleted s) {
                event = new StepCompleted(s.epoch(), s.trainCoverage(), s.samplesSeen(), s.batchSize(), s.loss(),
                        s.gradNorm(), s.learningRate(), 0, s.logged(), s.epochEnd(), s.sampleLosses(),
                        s.samplesDropped(), s.sourceCoverage(), 0.0, 0.0, s.energySource());
            } else if (event instanceof CheckpointSaved c) {
                event = new CheckpointSaved(Path.of(c.path()).getFileName().toString(), 0, c.isFinal());
            }
            out.add(e.step() + " " + event);
        }
        return out;
    }
}
