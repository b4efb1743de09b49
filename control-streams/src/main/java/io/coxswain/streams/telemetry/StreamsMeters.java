package io.coxswain.streams.telemetry;

import io.coxswain.protocol.commands.ControlCommand;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.KafkaStreams;

/**
 * control-streams' meters: the Kafka Streams client's own metrics ({@code kafka_stream_*}, {@code kafka_consumer_*},
 * {@code kafka_producer_*}) and {@code coxswain_rules_firings_total}, the commands rules sent, by rule
 * ({@code <set>/<controller>}, or the built-in rule's name).
 */
public final class StreamsMeters implements AutoCloseable {
    public static final String FIRINGS = "coxswain.rules.firings";

    private final MeterRegistry registry;
    private final String applicationId;
    private KafkaStreamsMetrics client;

    public StreamsMeters(MeterRegistry registry, String applicationId) {
        this.registry = registry;
        this.applicationId = applicationId;
    }

    /** Counts one command a rule sent. */
    public void fired(ControlCommand command) {
        String rule = command.source() == null || command.source().rule() == null ? "unknown"
                : command.source().rule();
        Counter.builder(FIRINGS).description("commands sent by rules").tag("rule", rule)
                .tag("application", applicationId).register(registry).increment();
    }

    /** Binds the metrics of {@code streams}, the client that is about to start (replacing any bound before). */
    public synchronized void bind(KafkaStreams streams) {
        close();
        client = new KafkaStreamsMetrics(streams, Tags.of("application", applicationId));
        client.bindTo(registry);
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
