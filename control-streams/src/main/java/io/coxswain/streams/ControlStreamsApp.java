package io.coxswain.streams;

import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.config.ControlStreamsConfig;
import io.coxswain.streams.internal.ThreadReplacingHandler;
import io.coxswain.streams.topology.ControlTopology;
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
 * {@link #start()} returns once it is RUNNING, {@link #close()} stops it within the configured time. A stream thread
 * that dies is logged and replaced. One instance is started once; create a new one to start again.
 */
public final class ControlStreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlStreamsApp.class);

    private final ControlStreamsConfig config;
    private final Topology topology;
    private final KafkaStreams streams;
    private final ThreadReplacingHandler handler;
    private final CompletableFuture<Void> running = new CompletableFuture<>();

    /** Builds the topology and the Kafka Streams client; connects to nothing until {@link #start()}. */
    public ControlStreamsApp(ControlStreamsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        StreamsBuilder builder = new StreamsBuilder();
        ControlTopology.build(builder, config);
        this.topology = builder.build();
        this.handler = new ThreadReplacingHandler(config.bootstrapServers());
        try {
            this.streams = new KafkaStreams(topology, config.toProperties());
        } catch (KafkaException e) {
            throw new StreamsStartException(config.bootstrapServers(), "cannot create control-streams "
                    + config.applicationId() + " for Kafka at " + config.bootstrapServers() + " with state in "
                    + config.stateDir() + ": " + e.getMessage(), e);
        }
        streams.setUncaughtExceptionHandler(handler);
        streams.setStateListener(this::onStateChange);
    }

    /**
     * Starts processing and waits until the app is RUNNING, at most the configured start timeout.
     *
     * @throws StreamsStartException naming the bootstrap address when it fails or times out (the app is then closed)
     * @throws IllegalStateException when this app was started before
     */
    public void start() {
        if (streams.state() != KafkaStreams.State.CREATED) {
            throw new IllegalStateException("control-streams " + config.applicationId()
                    + " was started before (state " + streams.state() + "); create a new app to start again");
        }
        LOG.info("starting control-streams {} against Kafka at {}, state in {}\n{}", config.applicationId(),
                config.bootstrapServers(), config.stateDir(), topology.describe());
        try {
            streams.start();
            running.get(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            KafkaStreams.State state = streams.state();
            close();
            throw failure("did not reach RUNNING within " + config.startTimeout() + " (state " + state
                    + "); is Kafka reachable there and are the coxswain topics created?", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            close();
            throw failure("failed to start: " + describe(cause), cause);
        } catch (KafkaException e) {
            close();
            throw failure("failed to start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw failure("was interrupted while starting", e);
        }
        LOG.info("control-streams {} is running", config.applicationId());
    }

    /** Stops the stream threads, waiting at most the configured close timeout. Safe to call more than once. */
    @Override
    public void close() {
        if (!streams.close(config.closeTimeout())) {
            LOG.warn("control-streams {} did not stop within {}; state {}", config.applicationId(),
                    config.closeTimeout(), streams.state());
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The topology this app runs, for logs and diagnostics. */
    public Topology topology() {
        return topology;
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
            return "topic " + Topics.RUN_EVENTS.name() + " does not exist (create " + Topics.RUN_EVENTS.name()
                    + ", " + Topics.CONTROL.name() + " and " + Topics.DEAD_LETTER.name() + " first)";
        }
        return cause.getMessage();
    }

    private StreamsStartException failure(String problem, Throwable cause) {
        return new StreamsStartException(config.bootstrapServers(), "control-streams " + config.applicationId()
                + " at Kafka " + config.bootstrapServers() + " " + problem, cause);
    }
}
