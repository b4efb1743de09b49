package io.coxswain.protocol.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RunEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads and writes run events as one flat JSON object: {@code v}, {@code type}, the header, then the body. */
public final class EventCodec implements Codec<EventEnvelope> {
    private static final ObjectMapper MAPPER = Json.mapper();

    public ObjectNode toTree(EventEnvelope envelope) {
        ObjectNode body = MAPPER.valueToTree(envelope.event());
        EventHeader h = envelope.header();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("v", EventEnvelope.VERSION);
        node.put("type", envelope.type());
        node.put("eventId", h.eventId());
        node.put("runId", h.runId());
        if (h.experimentId() != null) {
            node.put("experimentId", h.experimentId());
        }
        node.put("seq", h.seq());
        node.put("step", h.step());
        node.put("time", h.time().toString());
        body.remove("type");
        node.setAll(body);
        return node;
    }

    @Override
    public byte[] encode(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsBytes(toTree(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + envelope.header().eventId(), e);
        }
    }

    public String encodeToString(EventEnvelope envelope) {
        return new String(encode(envelope), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public Decoded<EventEnvelope> decode(byte[] bytes) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes == null ? new byte[0] : bytes);
        } catch (IOException e) {
            return Decoded.failure("not JSON: " + firstLine(e.getMessage()), null, null);
        }
        return decodeTree(node);
    }

    public Decoded<EventEnvelope> decodeTree(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Decoded.failure("an event must be a JSON object", null, null);
        }
        String runId = Fields.text(node, "runId");
        String eventId = Fields.text(node, "eventId");
        String problem = Fields.firstProblem(
                Fields.requireVersion(node, EventEnvelope.VERSION),
                Fields.requireText(node, "type"),
                Fields.requireText(node, "eventId"),
                Fields.requireText(node, "runId"),
                Fields.requireLong(node, "seq"),
                Fields.requireLong(node, "step"),
                Fields.requireText(node, "time"));
        if (problem != null) {
            return Decoded.failure(problem, runId, eventId);
        }
        Instant time;
        try {
            time = Instant.parse(node.get("time").asText());
        } catch (DateTimeParseException e) {
            return Decoded.failure("time '" + node.get("time").asText() + "' is not an ISO-8601 instant", runId, eventId);
        }
        RunEvent event;
        try {
            event = MAPPER.treeToValue(node, RunEvent.class);
        } catch (JsonMappingException e) {
            return Decoded.failure("bad " + node.get("type").asText() + fieldOf(e) + ": "
                    + firstLine(e.getOriginalMessage()), runId, eventId);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Decoded.failure("bad " + node.get("type").asText() + ": " + firstLine(e.getMessage()),
                    runId, eventId);
        }
        EventHeader header = new EventHeader(eventId, runId, Fields.text(node, "experimentId"),
                node.get("seq").asLong(), node.get("step").asLong(), time);
        return Decoded.ok(new EventEnvelope(header, event));
    }

    private static String fieldOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : ", field '" + path + "'";
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
