package io.coxswain.agent.loop;

import io.coxswain.agent.RunOutcome;
import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.IntervalStrategy;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.InMemoryCommandFeed;
import io.coxswain.agent.control.TestCommands;
import io.coxswain.agent.events.RecordingEventSink;
import io.coxswain.agent.replay.ScheduledChanges;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.StepCompleted;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One real agent run on mlp-blobs for a test: a recording sink, an in-memory feed, and commands sent from the
 * training thread when chosen events are published (so they arrive exactly between two chosen steps).
 */
final class AgentRun {
    final RecordingEventSink sink = new RecordingEventSink();
    final InMemoryCommandFeed feed = new InMemoryCommandFeed(TestCommands.RUN);
    private final List<Reaction> reactions = new ArrayList<>();

    private record Reaction(Predicate<EventEnvelope> when, Consumer<InMemoryCommandFeed> send) {
    }

    /** A short run of r-1 with nothing periodic but what a test turns on. */
    static TrainingConfig.Builder config(Path checkpoints) {
        return TrainingConfig.builder(TestCommands.RUN).maxSteps(10).loggingSteps(1)
                .evalStrategy(IntervalStrategy.NO).checkpointDir(checkpoints);
    }

    /** Sends these commands right after the StepCompleted of {@code step} (0: before the first step). */
    AgentRun afterStep(long step, ControlCommand... commands) {
        Predicate<EventEnvelope> when = step == 0 ? e -> e.type().equals("RunStarted")
                : e -> e.event() instanceof StepCompleted && e.step() == step;
        return when(when, feed -> List.of(commands).forEach(feed::send));
    }

    /** Sends these commands right after the first event of this type is published. */
    AgentRun after(Class<? extends RunEvent> type, ControlCommand... commands) {
        boolean[] done = new boolean[1];
        return when(e -> type.isInstance(e.event()) && !done[0] && (done[0] = true),
                feed -> List.of(commands).forEach(feed::send));
    }

    AgentRun when(Predicate<EventEnvelope> when, Consumer<InMemoryCommandFeed> send) {
        reactions.add(new Reaction(when, send));
        return this;
    }

    RunOutcome run(TrainingConfig config) {
        return run(config, ScheduledChanges.NONE);
    }

    /** Runs following {@code scheduled} besides the commands this run sends. */
    RunOutcome run(TrainingConfig config, ScheduledChanges scheduled) {
        try (TrainerAgent agent = new TrainerAgent(config, sink, feed, event -> reactions.stream()
                .filter(r -> r.when().test(event)).toList().forEach(r -> r.send().accept(feed)), null,
                System.nanoTime(), scheduled)) {
            return agent.run();
        }
    }

    List<StepCompleted> steps() {
        return sink.eventsOf(StepCompleted.class);
    }

    List<RunEvent> events() {
        return sink.events().stream().map(EventEnvelope::event).toList();
    }

    /** The events after the StepCompleted of {@code step} (0: after RunStarted), up to and including the next one. */
    List<RunEvent> eventsAfterStep(long step) {
        List<EventEnvelope> events = sink.events();
        int from = 0;
        while (!(step == 0 ? events.get(from).type().equals("RunStarted")
                : events.get(from).event() instanceof StepCompleted && events.get(from).step() == step)) {
            from++;
        }
        int to = from + 1;
        while (to < events.size() - 1 && !(events.get(to).event() instanceof StepCompleted)) {
            to++;
        }
        return events.subList(from + 1, to + 1).stream().map(EventEnvelope::event).toList();
    }
}
