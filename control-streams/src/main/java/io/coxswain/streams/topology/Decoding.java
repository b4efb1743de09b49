package io.coxswain.streams.topology;

import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import java.util.List;

/**
 * A record read from a source topic, sorted: an event (from {@code coxswain.run-events}, to evaluate; or an answer
 * to a misplaced command, to publish), or bytes for the dead-letter topic with the reason.
 */
sealed interface Decoding {

    record Event(EventEnvelope envelope) implements Decoding {
    }

    /**
     * @param raw    the record's value as it came
     * @param reason what is wrong with it
     * @param runId  the run id when it could be read, else null
     */
    record Undecodable(byte[] raw, String reason, String runId) implements Decoding {
    }

    /**
     * Decodes with the protocol codec, and also refuses an event whose record key is not its run id: it may sit on
     * another partition than the run's other events, where the run's rule state is not.
     */
    static Decoding of(String key, byte[] value) {
        Decoded<EventEnvelope> decoded = Topics.RUN_EVENTS.codec().decode(value);
        if (decoded instanceof Decoded.Failure<EventEnvelope> failure) {
            return new Undecodable(value, failure.reason(), failure.runId());
        }
        EventEnvelope envelope = ((Decoded.Ok<EventEnvelope>) decoded).value();
        if (!envelope.runId().equals(key)) {
            return new Undecodable(value, "record key " + (key == null ? "is missing" : "'" + key + "'")
                    + " but the event's runId is '" + envelope.runId() + "' (the key must be the run id)",
                    envelope.runId());
        }
        return new Event(envelope);
    }

    /** This record as a list of zero or one event, for {@code flatMapValues}. */
    default List<EventEnvelope> events() {
        return this instanceof Event event ? List.of(event.envelope()) : List.of();
    }

    /** This record as a list of zero or one undecodable record, for {@code flatMapValues}. */
    default List<Undecodable> undecodables() {
        return this instanceof Undecodable undecodable ? List.of(undecodable) : List.of();
    }
}
