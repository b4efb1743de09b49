package io.coxswain.streams.internal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every exception that kills a stream thread and starts a new thread in its place, so the app never dies
 * silently. A missing source topic is the exception: a new thread would fail the same way forever, so the client
 * shuts down (state ERROR) and {@code start()} reports it.
 */
public final class ThreadReplacingHandler implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadReplacingHandler.class);

    private final String bootstrapServers;
    private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();

    public ThreadReplacingHandler(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        lastFailure.set(exception);
        String thread = Thread.currentThread().getName();
        if (causedByMissingTopic(exception)) {
            LOG.error("control-streams thread {} stopped: a source topic is missing on {}; shutting down",
                    thread, bootstrapServers, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("control-streams thread {} died; replacing it with a new thread", thread, exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** The last exception that reached this handler, if any. */
    public Optional<Throwable> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    /** Whether {@code exception} or one of its causes says that a source topic does not exist. */
    public static boolean causedByMissingTopic(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MissingSourceTopicException) {
                return true;
            }
        }
        return false;
    }
}
