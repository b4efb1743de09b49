package io.coxswain.streams.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadReplacingHandlerTest {
    private final ThreadReplacingHandler handler = new ThreadReplacingHandler("localhost:9092");

    @Test
    void replacesAThreadThatDied() {
        IllegalStateException failure = new IllegalStateException("boom");

        assertThat(handler.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(handler.lastFailure()).containsSame(failure);
    }

    @Test
    void shutsTheClientDownWhenASourceTopicIsMissing() {
        StreamsException failure = new StreamsException(new MissingSourceTopicException("coxswain.run-events"));

        assertThat(handler.handle(failure)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(handler.lastFailure()).containsSame(failure);
    }

    @Test
    void hasNoFailureBeforeOneHappens() {
        assertThat(handler.lastFailure()).isEmpty();
    }
}
