package io.coxswain.streams;

import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.config.ControlStreamsConfig;
import io.coxswain.streams.internal.ThreadReplacingHandler;
import io.coxswain.streams.internal.TopicLookup;
import io.coxswain.streams.topology.ControlTopology;
import io.coxswain.streams.engine.RuleSetRegistry;
import io.coxswain.streams.telemetry.StreamsMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control-streams application: the {@link ControlTopology} running in a {@link KafkaStreams} client.
 * {@link #start()} checks the topics, then returns once the app is RUNNING; {@link #close()} stops it within the
 * configured time. A stream thread that dies is logged and replaced. One instance is started once; create a new one
 * to start again.
 */
public final class ControlStreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlStreamsApp.class);
    private static final List<String> TOPICS =
            List.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name(), Topics.DEAD_LETTER.name());

    private final ControlStreamsConfig config;
    private final RuleSetRegistry registry = new RuleSetRegistry();
    private final StreamsMeters meters;
    private RulesFeed rulesFeed;
    private final ThreadReplacingHandler handler;
    private final CompletableFuture<Void> running = new CompletableFuture<>();
    private final Object lifecycle = new Object();
    private volatile Topology topology;
    private volatile KafkaStreams streams;
    private boolean started;
    private boolean closed;

    /**
     * Builds the topology and the Kafka Streams client for the configured partition count of
     * {@code coxswain.control}; connects to nothing until {@link #start()}.
     */
    public ControlStreamsApp(ControlStreamsConfig config) {
        this(config, new SimpleMeterRegistry());
    }

    /** As above, with its Kafka Streams metrics and rule firings registered in {@code meterRegistry}. */
    public ControlStreamsApp(ControlStreamsConfig config, MeterRegistry meterRegistry) {
        this.config = Objects.requireNonNull(config, "config");
        this.meters = new StreamsMeters(Objects.requireNonNull(meterRegistry, "meterRegistry"),
                config.applicationId());
        this.handler = new ThreadReplacingHandler(config.bootstrapServers());
        this.topology = topology(config, registry, meters);
        this.streams = streams(topology);
    }

    /**
     * Checks that the coxswain topics exist, rebuilds the topology when {@code coxswain.control} has another
     * partition count than configured, starts processing and waits until the app is RUNNING: all of it within the
     * configured start timeout.
     *
     * @throws StreamsStartException naming the bootstrap address when it fails or times out (the app is then closed)
     * @throws IllegalStateException when this app was started before
     */
    public void start() {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        synchronized (lifecycle) {
            if (started || closed) {
                throw new IllegalStateException("control-streams " + config.applicationId()
                        + " was started before (state " + streams.state() + "); create a new app to start again");
            }
            started = true;
        }
        try {
            ControlStreamsConfig actual = config.withControlPartitions(controlPartitions());
            startRules(deadline);
            KafkaStreams client;
            synchronized (lifecycle) {
                if (closed) {
                    throw new IllegalStateException("it was closed before it was running");
                }
                if (actual.controlPartitions() != config.controlPartitions()) {
                    useControlPartitions(actual);
                }
                client = streams;
                client.setUncaughtExceptionHandler(handler);
                client.setStateListener(this::onStateChange);
                meters.bind(client);
                LOG.info("starting control-streams {} against Kafka at {}, state in {}\n{}", config.applicationId(),
                        config.bootstrapServers(), config.stateDir(), topology.describe());
                client.start();
            }
            running.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            KafkaStreams.State state = streams.state();
            close();
            throw failure("did not reach RUNNING within " + config.startTimeout() + " (state " + state
                    + "); is Kafka reachable there and are the coxswain topics created?", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            close();
            throw failure("failed to start: " + describe(cause), cause);
        } catch (KafkaException | IllegalStateException e) {
            close();
            throw failure("failed to start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw failure("was interrupted while starting", e);
        } catch (StreamsStartException e) {
            close();
            throw e;
        }
        LOG.info("control-streams {} is running", config.applicationId());
    }

    /** Stops the stream threads, waiting at most the configured close timeout. Safe to call more than once. */
    @Override
    public void close() {
        KafkaStreams client;
        synchronized (lifecycle) {
            closed = true;
            client = streams;
        }
        RulesFeed feed;
        synchronized (lifecycle) {
            feed = rulesFeed;
        }
        if (feed != null) {
            feed.close();
        }
        meters.close();
        if (!client.close(config.closeTimeout())) {
            LOG.warn("control-streams {} did not stop within {}; state {}", config.applicationId(),
                    config.closeTimeout(), client.state());
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The topology this app runs (once started: for the partition count the brokers reported), for diagnostics. */
    public Topology topology() {
        return topology;
    }

    /**
     * The partition count of {@code coxswain.control} on the brokers; fails when one of the coxswain topics is
     * missing.
     */
    private int controlPartitions() throws TimeoutException, InterruptedException {
        Map<String, Integer> counts = TopicLookup.partitionCounts(config.bootstrapServers(),
                config.applicationId() + "-topic-lookup", TOPICS, config.startTimeout());
        List<String> missing = TOPICS.stream().filter(topic -> !counts.containsKey(topic)).toList();
        if (!missing.isEmpty()) {
            throw failure("failed to start: " + (missing.size() == 1 ? "topic " : "topics ")
                    + String.join(", ", missing) + (missing.size() == 1 ? " does" : " do") + " not exist (create "
                    + Topics.RUN_EVENTS.name() + ", " + Topics.CONTROL.name() + " and " + Topics.DEAD_LETTER.name()
                    + " first)", null);
        }
        return counts.get(Topics.CONTROL.name());
    }

    /** The rule sets this instance runs, kept current from {@code coxswain.rules}. */
    public RuleSetRegistry ruleSets() {
        return registry;
    }

    /**
     * Creates the rules topic when missing, publishes the configured rule files (each checked first: a bad file fails
     * the start naming the file), and reads the topic to its end before processing starts.
     */
    private void startRules(long deadline) throws TimeoutException, InterruptedException {
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        RulesFeed.ensureTopic(config.bootstrapServers(), left);
        for (Path file : config.ruleFiles()) {
            String name = ruleSetName(file);
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw failure("cannot read rule file " + file + ": " + e.getMessage(), e);
            }
            try {
                registry.parse(name, text);
            } catch (RuntimeException e) {
                throw failure("rule file " + file + " does not load: " + e.getMessage(), e);
            }
            RulesFeed.publish(config.bootstrapServers(), name, text,
                    Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        RulesFeed feed = new RulesFeed(config.bootstrapServers(), registry);
        synchronized (lifecycle) {
            rulesFeed = feed;
        }
        feed.start(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }

    /** A rule file's rule set name: its file name without the extension. */
    public static String ruleSetName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Replaces the not yet started client by one whose topology judges placements with {@code actual}'s count. */
    private void useControlPartitions(ControlStreamsConfig actual) {
        LOG.info("{} has {} partitions on Kafka at {}, not the configured {}; judging command placement with {}",
                Topics.CONTROL.name(), actual.controlPartitions(), config.bootstrapServers(),
                config.controlPartitions(), actual.controlPartitions());
        streams.close(config.closeTimeout());
        Topology rebuilt = topology(actual, registry, meters);
        streams = streams(rebuilt);
        topology = rebuilt;
    }

    private static Topology topology(ControlStreamsConfig config, RuleSetRegistry registry, StreamsMeters meters) {
        StreamsBuilder builder = new StreamsBuilder();
        ControlTopology.build(builder, config, registry, meters::fired);
        return builder.build();
    }

    private KafkaStreams streams(Topology topology) {
        try {
            return new KafkaStreams(topology, config.toProperties());
        } catch (KafkaException e) {
            throw new StreamsStartException(config.bootstrapServers(), "cannot create control-streams "
                    + config.applicationId() + " for Kafka at " + config.bootstrapServers() + " with state in "
                    + config.stateDir() + ": " + e.getMessage(), e);
        }
    }

    private void onStateChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        LOG.info("control-streams {}: {} -> {}", config.applicationId(), oldState, newState);
        switch (newState) {
            case RUNNING -> running.complete(null);
            case PENDING_ERROR, ERROR -> {
                Throwable cause = handler.lastFailure()
                        .orElseGet(() -> new IllegalStateException("Kafka Streams went to " + newState));
                boolean wasRunning = !running.completeExceptionally(cause) && !running.isCompletedExceptionally();
                if (wasRunning && newState == KafkaStreams.State.ERROR) {
                    LOG.error("control-streams {} stopped with an error; no rules are evaluated until it is"
                            + " restarted", config.applicationId(), cause);
                }
            }
            case PENDING_SHUTDOWN -> running.completeExceptionally(
                    new IllegalStateException("it was closed before it was running"));
            default -> {
                // CREATED, REBALANCING, NOT_RUNNING: nothing to report
            }
        }
    }

    private static String describe(Throwable cause) {
        if (ThreadReplacingHandler.causedByMissingTopic(cause)) {
            return "a source topic (" + Topics.RUN_EVENTS.name() + " or " + Topics.CONTROL.name()
                    + ") does not exist (create " + Topics.RUN_EVENTS.name() + ", " + Topics.CONTROL.name() + " and "
                    + Topics.DEAD_LETTER.name() + " first)";
        }
        return cause.getMessage();
    }

    private StreamsStartException failure(String problem, Throwable cause) {
        return new StreamsStartException(config.bootstrapServers(), "control-streams " + config.applicationId()
                + " at Kafka " + config.bootstrapServers() + " " + problem, cause);
    }
}
