package io.coxswain.agent;

import static io.coxswain.agent.control.TestCommands.ALICE;
import static io.coxswain.agent.control.TestCommands.command;
import static io.coxswain.agent.control.TestCommands.set;
import static io.coxswain.agent.control.TestCommands.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.InMemoryCommandFeed;
import io.coxswain.agent.events.EventListener;
import io.coxswain.agent.events.RecordingEventSink;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EvalCompleted;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.ParameterSpec;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerAgentTest {
    @TempDir
    Path checkpoints;

    private final RecordingEventSink sink = new RecordingEventSink();
    private final InMemoryCommandFeed feed = new InMemoryCommandFeed("r-1");

    private TrainingConfig.Builder config() {
        return TrainingConfig.builder("r-1").experimentId("exp-1").maxSteps(25).loggingSteps(5).evalSteps(10)
                .checkpointDir(checkpoints);
    }

    /** Runs the agent, sending {@code command} right after the StepCompleted of {@code afterStep}. */
    private RunOutcome run(TrainingConfig config, long afterStep, Consumer<InMemoryCommandFeed> send) {
        EventListener listener = event -> {
            if (event.event() instanceof StepCompleted && event.step() == afterStep) {
                send.accept(feed);
            }
        };
        try (TrainerAgent agent = new TrainerAgent(config, sink, feed, listener)) {
            return agent.run();
        }
    }

    private RunOutcome run(TrainingConfig config) {
        return run(config, -1, f -> {
        });
    }

    /** The events after the StepCompleted of {@code step}, up to and including the next StepCompleted. */
    private List<RunEvent> eventsAfterStep(long step) {
        List<EventEnvelope> events = sink.events();
        int from = 0;
        while (!(events.get(from).event() instanceof StepCompleted && events.get(from).step() == step)) {
            from++;
        }
        int to = from + 1;
        while (!(events.get(to).event() instanceof StepCompleted)) {
            to++;
        }
        return events.subList(from + 1, to + 1).stream().map(EventEnvelope::event).toList();
    }

    @Test
    void publishesRunStartedThenEveryStepAndFinishesCompletedWithAFinalCheckpoint() {
        TrainingConfig config = config().tags(List.of("pbt", "baseline")).build();

        RunOutcome outcome = run(config);

        List<EventEnvelope> events = sink.events();
        assertThat(events).extracting(e -> e.header().seq())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events).allSatisfy(e -> {
            assertThat(e.header().runId()).isEqualTo("r-1");
            assertThat(e.header().experimentId()).isEqualTo("exp-1");
        });
        assertThat(events.stream().map(e -> e.header().eventId()).distinct()).hasSize(events.size());

        RunStarted started = (RunStarted) events.get(0).event();
        assertThat(started.config()).isEqualTo(config.toJson());
        assertThat(started.config().get("tags")).isEqualTo(Json.mapper().createArrayNode().add("pbt").add("baseline"));
        assertThat(started.seed()).isEqualTo(42);
        assertThat(started.workload()).isEqualTo("mlp-blobs");
        assertThat(started.plannedSteps()).isEqualTo(25);
        assertThat(started.restartCostSeconds()).isPositive();
        assertThat(started.parameters()).extracting(ParameterSpec::name, ParameterSpec::type, ParameterSpec::min,
                        ParameterSpec::max, ParameterSpec::minExclusive, ParameterSpec::value)
                .containsExactly(
                        tuple("learning_rate", "float", 0.0, 10.0, true, DoubleNode.valueOf(0.001)),
                        tuple("batch_size", "int", 1.0, 8000.0, false, IntNode.valueOf(32)),
                        tuple("weight_decay", "float", 0.0, 1.0, false, DoubleNode.valueOf(0.0)),
                        tuple("max_grad_norm", "float", 0.0, 1e6, false, DoubleNode.valueOf(1.0)),
                        tuple("logging_steps", "int", 1.0, null, false, IntNode.valueOf(5)),
                        tuple("eval_steps", "int", 1.0, null, false, IntNode.valueOf(10)),
                        tuple("save_steps", "int", 1.0, null, false, IntNode.valueOf(500)),
                        tuple("sample_loss_steps", "int", 0.0, null, false, IntNode.valueOf(0)));
        assertThat(events.get(0).step()).isZero();

        assertThat(events.stream().map(e -> e.type() + "@" + e.step()).toList()).containsSubsequence(
                "StepCompleted@9", "StepCompleted@10", "EvalCompleted@10", "StepCompleted@11",
                "StepCompleted@20", "EvalCompleted@20", "StepCompleted@25", "CheckpointSaved@25",
                "RunFinished@25");
        assertThat(sink.eventsOf(EvalCompleted.class)).hasSize(2)
                .allSatisfy(e -> assertThat(e.metrics()).containsOnlyKeys("eval_loss", "eval_accuracy"));

        List<StepCompleted> steps = sink.eventsOf(StepCompleted.class);
        assertThat(steps).hasSize(25);
        StepCompleted third = steps.get(2);
        assertThat(third.samplesSeen()).isEqualTo(96);
        assertThat(third.epoch()).isEqualTo(96 / 8000.0);
        assertThat(third.trainCoverage()).isEqualTo(96 / 8000.0);
        assertThat(third.batchSize()).isEqualTo(32);
        assertThat(third.learningRate()).isEqualTo(0.001);
        assertThat(third.stepSeconds()).isPositive();
        assertThat(third.gradNorm()).isPositive();
        assertThat(third.epochEnd()).isFalse();
        assertThat(third.sampleLosses()).isNull();
        assertThat(steps).extracting(StepCompleted::logged)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 25).mapToObj(s -> s % 5 == 0).toList());

        CheckpointSaved checkpoint = sink.eventsOf(CheckpointSaved.class).get(0);
        assertThat(checkpoint.isFinal()).isTrue();
        assertThat(Path.of(checkpoint.path())).isEqualTo(checkpoints.resolve("r-1/final-step-000025")
                .toAbsolutePath()).exists();
        assertThat(events.get(events.size() - 1).event())
                .isEqualTo(new RunFinished(RunFinished.COMPLETED, "completed 25 of 25 steps"));
        assertThat(outcome).isEqualTo(new RunOutcome(RunFinished.COMPLETED, "completed 25 of 25 steps", 25, 25,
                steps.get(24).loss(), outcome.medianStepSeconds(), null));
        assertThat(outcome.medianStepSeconds()).isPositive();
    }

    @Test
    void appliesALearningRateChangeBetweenStepsAndReportsItFromTheNextStep() {
        RunOutcome outcome = run(config().build(), 5, f -> f.send(command("c-1", set("learning_rate", 0.01))));

        assertThat(eventsAfterStep(5)).containsExactly(
                new ParameterChanged("c-1", "learning_rate", DoubleNode.valueOf(0.001), DoubleNode.valueOf(0.01),
                        ALICE),
                sink.eventsOf(StepCompleted.class).get(5));
        assertThat(sink.eventsOf(StepCompleted.class)).extracting(StepCompleted::learningRate)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 25).mapToObj(s -> s <= 5 ? 0.001 : 0.01)
                        .toList());
        assertThat(outcome.completed()).isTrue();
    }

    @Test
    void loggingStepsChangeTakesEffectFromTheNextStep() {
        run(config().build(), 7, f -> f.send(command("c-1", set("logging_steps", 3))));

        assertThat(sink.eventsOf(StepCompleted.class)).extracting(StepCompleted::logged)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 25)
                        .mapToObj(s -> s <= 7 ? s % 5 == 0 : s % 3 == 0).toList());
    }

    @Test
    void rejectsANaNLearningRateSentAsRawJsonAndKeepsTraining() {
        String json = "{\"v\":1,\"type\":\"ControlCommand\",\"commandId\":\"c-nan\",\"runId\":\"r-1\","
                + "\"source\":{\"kind\":\"user\",\"author\":\"alice\"},"
                + "\"actions\":[{\"op\":\"set\",\"param\":\"learning_rate\",\"value\":NaN}]}";

        RunOutcome outcome = run(config().build(), 3, f -> f.sendRaw("r-1", json));

        assertThat(eventsAfterStep(3)).containsExactly(
                new CommandRejected("c-nan", "learning_rate must be a finite number, got NaN", ALICE),
                sink.eventsOf(StepCompleted.class).get(3));
        assertThat(sink.eventsOf(StepCompleted.class)).hasSize(25)
                .allSatisfy(s -> assertThat(s.learningRate()).isEqualTo(0.001));
        assertThat(outcome.completed()).isTrue();
    }

    @Test
    void answersAnUndecodableRecordAndAnotherRunsRecordNot() {
        RunOutcome outcome = run(config().build(), 2, f -> {
            f.sendRaw("r-1", "{\"v\":1,\"commandId\":\"c-bad\",\"runId\":\"r-1\",\"actions\":[{\"op\":\"jump\"}]}");
            f.sendRaw("r-2", "this is r-2's business");
        });

        assertThat(eventsAfterStep(2)).containsExactly(
                new CommandRejected("c-bad", "actions[0]: op 'jump' is unknown (expected set, trigger or load_checkpoint)", null),
                sink.eventsOf(StepCompleted.class).get(2));
        assertThat(outcome.completed()).isTrue();
    }

    @Test
    void stopsGracefullyWithAFinalCheckpointAndNamesTheRuleThatStoppedIt() {
        CommandSource rule = CommandSource.rule("control-streams", "loss_plateau", null);
        ControlCommand stop = command("rule-r1-loss_plateau-8", rule, trigger("stop"));

        RunOutcome outcome = run(config().maxSteps(10_000).build(), 8, f -> f.send(stop));

        List<RunEvent> tail = sink.events().stream().skip(sink.events().size() - 3).map(EventEnvelope::event)
                .toList();
        Path finalCheckpoint = checkpoints.resolve("r-1/final-step-000008").toAbsolutePath();
        assertThat(tail).containsExactly(
                new TriggerFired("rule-r1-loss_plateau-8", "stop", rule),
                new CheckpointSaved(finalCheckpoint.toString(), sizeOf(finalCheckpoint), true),
                new RunFinished(RunFinished.STOPPED, "rule loss_plateau (command rule-r1-loss_plateau-8)"));
        assertThat(outcome.stopped()).isTrue();
        assertThat(outcome.stepsDone()).isEqualTo(8);
        assertThat(outcome.plannedSteps()).isEqualTo(10_000);
    }

    @Test
    void checkpointAndEvaluateTriggersAnswerAndThenDoTheirWork() {
        run(config().build(), 4, f -> f.send(command("c-1", trigger("checkpoint"), trigger("evaluate"))));

        List<RunEvent> after = eventsAfterStep(4);
        Path file = checkpoints.resolve("r-1/step-000004").toAbsolutePath();
        assertThat(after).hasSize(5);
        assertThat(after.subList(0, 3)).containsExactly(
                new TriggerFired("c-1", "checkpoint", ALICE),
                new TriggerFired("c-1", "evaluate", ALICE),
                new CheckpointSaved(file.toString(), sizeOf(file), false));
        assertThat(after.get(3)).isInstanceOfSatisfying(EvalCompleted.class,
                e -> assertThat(e.metrics()).containsOnlyKeys("eval_loss", "eval_accuracy"));
        assertThat(after.get(4)).isInstanceOf(StepCompleted.class);
    }

    @Test
    void stopsGracefullyWhenAskedFromOutsideTheFeed() {
        TrainerAgent[] agent = new TrainerAgent[1];
        agent[0] = new TrainerAgent(config().maxSteps(10_000).build(), sink, feed, event -> {
            if (event.event() instanceof StepCompleted && event.step() == 3) {
                agent[0].requestStop("signal SIGTERM");
            }
        });

        RunOutcome outcome;
        try (TrainerAgent running = agent[0]) {
            outcome = running.run();
        }

        assertThat(outcome.stopped()).isTrue();
        assertThat(outcome.stepsDone()).isEqualTo(3);
        assertThat(sink.events().get(sink.events().size() - 1).event())
                .isEqualTo(new RunFinished(RunFinished.STOPPED, "agent: signal SIGTERM"));
        assertThat(sink.eventsOf(CheckpointSaved.class)).singleElement()
                .satisfies(c -> assertThat(c.isFinal()).isTrue());
    }

    @Test
    void aFailureStillEndsTheRunWithRunFinishedFailed() throws Exception {
        Path notADirectory = Files.createFile(checkpoints.resolve("occupied"));

        RunOutcome outcome = run(config().checkpointDir(notADirectory).build(), 3,
                f -> f.send(command("c-1", trigger("checkpoint"))));

        List<EventEnvelope> events = sink.events();
        RunEvent last = events.get(events.size() - 1).event();
        assertThat(last).isInstanceOfSatisfying(RunFinished.class, finished -> {
            assertThat(finished.reason()).isEqualTo(RunFinished.FAILED);
            assertThat(finished.detail()).startsWith("CheckpointException: cannot write checkpoint ")
                    .contains("occupied").endsWith("(at step 3)");
        });
        assertThat(events.get(events.size() - 2).event()).isEqualTo(new TriggerFired("c-1", "checkpoint", ALICE));
        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.stepsDone()).isEqualTo(3);
        assertThat(outcome.failure()).hasMessageContaining("cannot write checkpoint");
    }

    @Test
    void sameSeedGivesTheSameLossSequence() {
        RecordingEventSink other = new RecordingEventSink();
        TrainingConfig config = config().maxSteps(30).build();
        run(config);
        try (TrainerAgent agent = new TrainerAgent(config, other, new InMemoryCommandFeed("r-1"))) {
            agent.run();
        }

        List<Double> losses = sink.eventsOf(StepCompleted.class).stream().map(StepCompleted::loss).toList();
        assertThat(losses).hasSize(30).doesNotHaveDuplicates();
        assertThat(other.eventsOf(StepCompleted.class).stream().map(StepCompleted::loss).toList())
                .isEqualTo(losses);
    }

    /** Bytes in a checkpoint directory (model, optimizer state and agent state). */
    private static long sizeOf(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
