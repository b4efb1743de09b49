package io.coxswain.ledger.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.ledger.query.EventRow;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;

/** The rows the ledger should hold for what was sent, with the ledger position ({@code id}) left at 0. */
public final class Expected {

    private Expected() {
    }

    public static EventRow row(EventEnvelope e) {
        return new EventRow(0, e.header().eventId(), e.runId(), e.type(), e.header().seq(), e.step(),
                e.header().time(), commandIdOf(e), wire(Topics.RUN_EVENTS.codec().encode(e)));
    }

    public static EventRow row(ControlCommand c, RecordMetadata sent) {
        return new EventRow(0, "control:" + sent.partition() + ":" + sent.offset(), c.runId(), ControlCommand.TYPE,
                null, null, c.issuedAt(), c.commandId(), wire(Topics.CONTROL.codec().encode(c)));
    }

    /** The rows with their ledger positions zeroed, to compare with {@link #row}. */
    public static List<EventRow> withoutIds(List<EventRow> rows) {
        return rows.stream().map(r -> new EventRow(0, r.eventId(), r.runId(), r.type(), r.seq(), r.step(), r.time(),
                r.commandId(), r.payload())).toList();
    }

    /** JSON as it went on the wire. */
    public static JsonNode wire(byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode wireOf(EventEnvelope e) {
        return wire(Topics.RUN_EVENTS.codec().encode(e));
    }

    public static JsonNode wireOf(ControlCommand c) {
        return wire(Topics.CONTROL.codec().encode(c));
    }

    public static byte[] bytes(JsonNode json) {
        try {
            return Json.mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String commandIdOf(EventEnvelope e) {
        JsonNode commandId = Json.mapper().valueToTree(e.event()).get("commandId");
        return commandId == null ? null : commandId.asText();
    }
}
