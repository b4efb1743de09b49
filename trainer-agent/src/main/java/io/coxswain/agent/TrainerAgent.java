package io.coxswain.agent;

import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.control.CommandFeed;
import io.coxswain.agent.events.EventListener;
import io.coxswain.agent.events.EventPublisher;
import io.coxswain.agent.events.EventSink;
import io.coxswain.agent.kafka.KafkaCommandFeed;
import io.coxswain.agent.kafka.KafkaConnectivity;
import io.coxswain.agent.kafka.KafkaEventSink;
import io.coxswain.agent.control.CommandFeedOptions;
import io.coxswain.agent.loop.TrainingLoop;
import io.coxswain.agent.resume.Resumer;
import io.coxswain.agent.resume.ResumeException;
import io.coxswain.agent.kafka.KafkaSinkConfig;
import io.coxswain.agent.measure.EnergyConfig;
import io.coxswain.agent.measure.EnergyMeter;
import io.coxswain.agent.measure.EnergyMeters;
import io.coxswain.agent.measure.NvidiaSmi;
import io.coxswain.agent.measure.RaplMeter;
import io.coxswain.agent.replay.ScheduledChanges;
import java.time.Duration;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.nio.file.Path;
import io.coxswain.agent.resume.ResumePoint;
import io.coxswain.agent.workload.ModelSettings;
import io.coxswain.agent.workload.WorkloadCatalog;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A trainer agent for one run: trains the configured workload on the thread that calls {@link #run()}, publishes
 * what happens to an {@link EventSink} and obeys commands from a {@link CommandFeed}. {@link #connect} wires both to
 * Kafka; the constructor takes any sink and feed (benchmarks, tests). Closing the agent closes its sink and feed.
 */
public final class TrainerAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainerAgent.class);
    private static final Duration LEFTOVER_TIMEOUT = Duration.ofSeconds(60);

    private final TrainingConfig config;
    private final EventSink sink;
    private final CommandFeed feed;
    private final EventListener listener;
    private final AtomicBoolean ran = new AtomicBoolean();
    private final AtomicReference<String> externalStop = new AtomicReference<>();
    private final ResumePoint resume;
    private final long startNanos;
    private final ScheduledChanges scheduled;

    public TrainerAgent(TrainingConfig config, EventSink sink, CommandFeed feed) {
        this(config, sink, feed, EventListener.NONE);
    }

    /** @param listener sees every event after it is published, on the training thread */
    public TrainerAgent(TrainingConfig config, EventSink sink, CommandFeed feed, EventListener listener) {
        this(config, sink, feed, listener, null, System.nanoTime());
    }

    /**
     * @param resume     the checkpoint and published history to continue from, or null for a fresh run
     * @param startNanos {@link System#nanoTime()} at process start (or when this run's start began): RunStarted
     *                   reports the time from then to the first step as the restart cost
     */
    public TrainerAgent(TrainingConfig config, EventSink sink, CommandFeed feed, EventListener listener,
                        ResumePoint resume, long startNanos) {
        this(config, sink, feed, listener, resume, startNanos, ScheduledChanges.NONE);
    }

    /**
     * @param scheduled a schedule of changes and triggers the run applies at their steps besides its live commands
     *                  (a replay, {@code cox train --schedule}), or {@link ScheduledChanges#NONE}; a resumed run
     *                  passes the one its checkpoint recorded ({@code Resumer.Resumable#schedule})
     */
    public TrainerAgent(TrainingConfig config, EventSink sink, CommandFeed feed, EventListener listener,
                        ResumePoint resume, long startNanos, ScheduledChanges scheduled) {
        this.config = config;
        this.sink = sink;
        this.feed = feed;
        this.listener = listener;
        this.resume = resume;
        this.startNanos = startNanos;
        this.scheduled = scheduled;
    }

    /**
     * An agent publishing on {@code coxswain.run-events} and reading its partition of {@code coxswain.control} at
     * {@code bootstrap}. Fails within about 10 s with {@code KafkaUnreachableException} (naming the address) when no
     * broker answers, or {@code MissingTopicsException} when a topic is missing.
     */
    public static TrainerAgent connect(TrainingConfig config, String bootstrap) {
        return connect(config, bootstrap, EventListener.NONE);
    }

    public static TrainerAgent connect(TrainingConfig config, String bootstrap, EventListener listener) {
        return connect(config, bootstrap, listener, CommandFeedOptions.UNSIGNED);
    }

    /** As {@link #connect(TrainingConfig, String)}, obeying only commands signed as {@code feedOptions} require. */
    public static TrainerAgent connect(TrainingConfig config, String bootstrap, EventListener listener,
                                       CommandFeedOptions feedOptions) {
        return connect(config, bootstrap, listener, feedOptions, System.nanoTime());
    }

    /** @param began {@link System#nanoTime()} at process start, for the restart cost in RunStarted */
    public static TrainerAgent connect(TrainingConfig config, String bootstrap, EventListener listener,
                                       CommandFeedOptions feedOptions, long began) {
        return connect(config, bootstrap, listener, feedOptions, began, ScheduledChanges.NONE);
    }

    /** As {@link #connect(TrainingConfig, String, EventListener, CommandFeedOptions, long)}, following a schedule. */
    public static TrainerAgent connect(TrainingConfig config, String bootstrap, EventListener listener,
                                       CommandFeedOptions feedOptions, long began, ScheduledChanges scheduled) {
        KafkaConnectivity.check(bootstrap, KafkaConnectivity.DEFAULT_TIMEOUT);
        KafkaEventSink sink = new KafkaEventSink(bootstrap, config.runId(),
                KafkaSinkConfig.forRun(config.runCheckpointDir()));
        return new TrainerAgent(config, sink, new KafkaCommandFeed(bootstrap, config.runId(), feedOptions),
                listener, null, began, scheduled);
    }

    /**
     * An agent continuing run {@code runId} from its latest checkpoint under {@code checkpointDir}, with the
     * configuration recorded there: it re-executes the steps the run had published after the checkpoint without
     * publishing them again, applying each command it had answered at the step it applied it, then reads the commands
     * published while it was down and goes on. Fails with {@code ResumeException} when there is nothing to resume.
     *
     * @param startNanos {@link System#nanoTime()} at process start, for the restart cost in RunStarted
     */
    public static TrainerAgent resume(Path checkpointDir, String runId, String bootstrap, EventListener listener,
                                      CommandFeedOptions feedOptions, long startNanos) {
        KafkaConnectivity.check(bootstrap, KafkaConnectivity.DEFAULT_TIMEOUT);
        Path runDir = checkpointDir.resolve(runId);
        KafkaEventSink sink = new KafkaEventSink(bootstrap, runId, KafkaSinkConfig.forRun(runDir));
        try {
            awaitLeftovers(sink, runId);
            Resumer.Resumable resumable = Resumer.prepare(checkpointDir, runId,
                    Resumer.HistorySource.kafka(bootstrap));
            TrainingConfig config = resumable.config().toBuilder().checkpointDir(checkpointDir).build();
            return new TrainerAgent(config, sink, new KafkaCommandFeed(bootstrap, config.runId(), feedOptions),
                    listener, resumable.point(), startNanos, resumable.schedule());
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
    }

    /** Events the previous process left in the spool go out before the run's history is read back. */
    private static void awaitLeftovers(KafkaEventSink sink, String runId) {
        long deadline = System.nanoTime() + LEFTOVER_TIMEOUT.toNanos();
        while (sink.undelivered() > 0) {
            if (System.nanoTime() > deadline) {
                throw new ResumeException("run " + runId + " still has " + sink.undelivered() + " events from before"
                        + " the restart that Kafka did not take within " + LEFTOVER_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ResumeException("interrupted while sending the events of run " + runId
                        + " left from before the restart");
            }
        }
    }

    public TrainingConfig config() {
        return config;
    }

    /**
     * Trains to the end (planned steps done, a stop command, {@link #requestStop}, or a failure) and returns how the
     * run ended; a failed run returns an outcome with {@link RunOutcome#failure()} rather than throwing. Throws
     * {@code EventSinkException} only when the run's end could not even be published. Runs once per agent.
     */
    public RunOutcome run() {
        if (!ran.compareAndSet(false, true)) {
            throw new IllegalStateException("run " + config.runId() + " was already run by this agent");
        }
        EventPublisher publisher = new EventPublisher(config.runId(), config.experimentId(), sink, listener,
                Clock.systemUTC(), resume == null ? 0 : resume.history().lastSeq());
        ModelSettings settings = new ModelSettings(config.seed(), config.optimizerSettings(), config.learningRate(),
                config.weightDecay());
        EnergyMeters.Choice energy = EnergyMeters.choose(new EnergyConfig(gpuBackend(), RaplMeter.DEFAULT_ROOT,
                NvidiaSmi.DEFAULT_COMMAND, EnergyConfig.DEFAULT_SAMPLE_INTERVAL, config.energyWatts()));
        LOG.info("run {} measures energy with {}", config.runId(), energy.reason());
        try (EnergyMeter meter = energy.meter()) {
            return new TrainingLoop(config, () -> WorkloadCatalog.create(config.workload(), settings), publisher,
                    feed, externalStop::get, resume, startNanos, meter, scheduled).run();
        }
    }

    /** True when ND4J trains on a CUDA device. */
    private static boolean gpuBackend() {
        return Nd4j.getBackend().getClass().getSimpleName().contains("Cublas");
    }

    /**
     * Asks the run to stop gracefully before its next step, as a stop command would (final checkpoint, RunFinished
     * stopped with {@code detail} naming {@code who}). Safe from any thread, e.g. a shutdown hook.
     */
    public void requestStop(String who) {
        externalStop.compareAndSet(null, "agent: " + who);
    }

    @Override
    public void close() {
        try {
            feed.close();
        } finally {
            sink.close();
        }
    }
}
