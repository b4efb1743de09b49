package io.coxswain.ledger.ingest;

import io.coxswain.ledger.store.JsonbText;
import io.coxswain.ledger.store.NewEvent;
import io.coxswain.ledger.store.QuarantinedRecord;
import io.coxswain.ledger.store.UnstorableJsonException;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.TriggerFired;
import io.coxswain.protocol.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Turns a Kafka record of either ledger topic into what to store. Never throws: a bad record becomes {@code Bad}. */
final class RecordDecoder {
    private final Clock clock;

    RecordDecoder(Clock clock) {
        this.clock = clock;
    }

    /** The event id a command gets: its Kafka coordinates, so a redelivered record maps to the same id. */
    static String commandEventId(int partition, long offset) {
        return "control:" + partition + ":" + offset;
    }

    Incoming decode(ConsumerRecord<byte[], byte[]> record) {
        if (Topics.RUN_EVENTS.name().equals(record.topic())) {
            return event(record);
        }
        if (Topics.CONTROL.name().equals(record.topic())) {
            return command(record);
        }
        return bad(record, "topic " + record.topic() + " is not read by the ledger", null, null);
    }

    private Incoming event(ConsumerRecord<byte[], byte[]> record) {
        Decoded<EventEnvelope> decoded = Topics.RUN_EVENTS.codec().decode(record.value());
        if (decoded instanceof Decoded.Failure<EventEnvelope> failure) {
            return bad(record, failure.reason(), failure.runId(), failure.id());
        }
        EventEnvelope envelope = ((Decoded.Ok<EventEnvelope>) decoded).value();
        EventHeader h = envelope.header();
        return storable(record, h.runId(), h.eventId(), h.time(), (time, payload) -> new Incoming.Event(
                new NewEvent(h.eventId(), h.runId(), h.experimentId(), envelope.type(), h.seq(), h.step(), time,
                        payload, CommandAnswer.commandIdOf(envelope.event()), record.topic(), record.partition(),
                        record.offset()),
                envelope));
    }

    private Incoming command(ConsumerRecord<byte[], byte[]> record) {
        Decoded<ControlCommand> decoded = Topics.CONTROL.codec().decode(record.value());
        if (decoded instanceof Decoded.Failure<ControlCommand> failure) {
            return bad(record, failure.reason(), failure.runId(), failure.id());
        }
        ControlCommand command = ((Decoded.Ok<ControlCommand>) decoded).value();
        Instant time = command.issuedAt() != null ? command.issuedAt()
                : record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : clock.instant();
        String eventId = commandEventId(record.partition(), record.offset());
        return storable(record, command.runId(), command.commandId(), time, (at, payload) -> new Incoming.Command(
                new NewEvent(eventId, command.runId(), null, ControlCommand.TYPE, null, null, at, payload,
                        command.commandId(), record.topic(), record.partition(), record.offset()),
                command));
    }

    /**
     * Takes the payload as it came, in the text form PostgreSQL gives it as jsonb, and the time in whole
     * microseconds (what timestamptz holds), so that the row's hash is over exactly what is stored; quarantines a
     * record PostgreSQL cannot hold.
     */
    private Incoming storable(ConsumerRecord<byte[], byte[]> record, String runId, String messageId, Instant time,
                              BiFunction<Instant, String, Incoming> toIncoming) {
        String problem = StorableJson.timeProblem(time);
        if (problem != null) {
            return bad(record, problem, runId, messageId);
        }
        try {
            return toIncoming.apply(time.truncatedTo(ChronoUnit.MICROS), JsonbText.of(record.value()));
        } catch (UnstorableJsonException e) {
            return bad(record, e.getMessage(), runId, messageId);
        }
    }

    private static Incoming bad(ConsumerRecord<byte[], byte[]> record, String reason, String runId, String id) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return new Incoming.Bad(new QuarantinedRecord(record.topic(), record.partition(), record.offset(),
                StorableJson.clean(key), record.value(), StorableJson.clean(reason), StorableJson.clean(runId),
                StorableJson.clean(id)));
    }
}
