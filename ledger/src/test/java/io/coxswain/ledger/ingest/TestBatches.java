package io.coxswain.ledger.ingest;

import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes events and commands as the ingest does, a batch at a time, through the real {@link BatchWriter}: each
 * message becomes a Kafka record of its topic (on a partition no consumer reads, at offsets unique in this JVM) and is
 * decoded by the real {@link RecordDecoder}. A command without issuedAt gets {@link #RECORD_TIME}.
 */
final class TestBatches {
    static final Instant RECORD_TIME = Instant.parse("2026-11-22T09:00:00Z");
    private static final int PARTITION = 98;
    private static final AtomicLong OFFSETS = new AtomicLong();

    private final BatchWriter writer;
    private final RecordDecoder decoder = new RecordDecoder(Clock.fixed(RECORD_TIME, ZoneOffset.UTC));

    TestBatches(Jdbi jdbi, String groupId) {
        this.writer = new BatchWriter(jdbi, groupId);
    }

    /** Writes one batch of events and commands, in the order given, in one transaction. */
    void write(Object... messages) {
        write(List.of(messages));
    }

    void write(List<?> messages) {
        List<Incoming> batch = new ArrayList<>();
        for (Object message : messages) {
            batch.add(decoder.decode(record(message)));
        }
        writer.write(batch, List.of());
    }

    private static ConsumerRecord<byte[], byte[]> record(Object message) {
        long offset = OFFSETS.getAndIncrement();
        if (message instanceof EventEnvelope event) {
            return new ConsumerRecord<>(Topics.RUN_EVENTS.name(), PARTITION, offset, key(event.runId()),
                    Topics.RUN_EVENTS.codec().encode(event));
        }
        if (message instanceof ControlCommand command) {
            return new ConsumerRecord<>(Topics.CONTROL.name(), PARTITION, offset, key(command.runId()),
                    Topics.CONTROL.codec().encode(command));
        }
        throw new IllegalArgumentException("neither an event nor a command: " + message);
    }

    private static byte[] key(String runId) {
        return runId.getBytes(StandardCharsets.UTF_8);
    }
}
