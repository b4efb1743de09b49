package io.coxswain.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.ledger.store.JsonbText;
import io.coxswain.ledger.store.NewEvent;
import io.coxswain.ledger.store.QuarantinedRecord;
import io.coxswain.ledger.testing.RunScript;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.TriggerFired;
import io.coxswain.protocol.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private final RecordDecoder decoder = new RecordDecoder(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void givesACommandItsKafkaCoordinatesAsEventId() {
        ControlCommand command = new ControlCommand("cmd-1", "run-1", RunScript.BASE_TIME, CommandSource.user("ada"),
                List.of(new Action.FireTrigger("checkpoint")), "before the risky part");
        byte[] bytes = Topics.CONTROL.codec().encode(command);

        Incoming incoming = decoder.decode(new ConsumerRecord<>(Topics.CONTROL.name(), 2, 17, key("run-1"), bytes));

        assertThat(incoming).isEqualTo(new Incoming.Command(new NewEvent("control:2:17", "run-1", null,
                "ControlCommand", null, null, RunScript.BASE_TIME, JsonbText.of(bytes), "cmd-1",
                Topics.CONTROL.name(), 2, 17), command));
    }

    @Test
    void datesACommandWithoutIssueTimeByItsRecord() {
        ControlCommand command = new ControlCommand("cmd-2", "run-1", null, CommandSource.user("ada"),
                List.of(new Action.FireTrigger("evaluate")), null);
        long recordTime = RunScript.BASE_TIME.toEpochMilli();

        Incoming incoming = decoder.decode(new ConsumerRecord<>(Topics.CONTROL.name(), 0, 3, recordTime,
                TimestampType.CREATE_TIME, 5, 10, key("run-1"), Topics.CONTROL.codec().encode(command),
                new RecordHeaders(), Optional.empty()));

        assertThat(((Incoming.Command) incoming).row().eventTime()).isEqualTo(RunScript.BASE_TIME);
    }

    @Test
    void keepsTheCommandIdOfAnEventThatAnswersACommand() {
        EventEnvelope fired = new EventEnvelope(new EventHeader("e-1", "run-1", "exp", 4, 30, RunScript.BASE_TIME),
                new TriggerFired("cmd-3", "checkpoint", CommandSource.user("ada")));
        byte[] bytes = Topics.RUN_EVENTS.codec().encode(fired);

        Incoming incoming = decoder.decode(new ConsumerRecord<>(Topics.RUN_EVENTS.name(), 1, 8, key("run-1"), bytes));

        assertThat(incoming).isEqualTo(new Incoming.Event(new NewEvent("e-1", "run-1", "exp", "TriggerFired", 4L, 30L,
                RunScript.BASE_TIME, JsonbText.of(bytes), "cmd-3", Topics.RUN_EVENTS.name(), 1, 8), fired));
    }

    @Test
    void quarantinesAnEventWithATimePostgresCannotHold() {
        EventEnvelope far = new EventEnvelope(new EventHeader("e-2", "run-1", null, 1, 0,
                Instant.parse("+10000-01-01T00:00:00Z")), new TriggerFired("c", "log", CommandSource.user("t")));
        byte[] bytes = Topics.RUN_EVENTS.codec().encode(far);

        Incoming incoming = decoder.decode(new ConsumerRecord<>(Topics.RUN_EVENTS.name(), 0, 5, key("run-1"), bytes));

        assertThat(incoming).usingRecursiveComparison().isEqualTo(new Incoming.Bad(new QuarantinedRecord(
                Topics.RUN_EVENTS.name(), 0, 5, "run-1", bytes,
                "time +10000-01-01T00:00:00Z is outside the years 1 to 9999", "run-1", "e-2")));
    }

    @Test
    void quarantinesACommandWithANulCharacterInsideItsEvidence() {
        ObjectNode evidence = Json.mapper().createObjectNode().put("note", "a\u0000b");
        ControlCommand command = new ControlCommand("cmd-4", "run-1", RunScript.BASE_TIME,
                CommandSource.rule("streams", "r", evidence), List.of(new Action.FireTrigger("stop")), null);
        byte[] bytes = Topics.CONTROL.codec().encode(command);

        Incoming incoming = decoder.decode(new ConsumerRecord<>(Topics.CONTROL.name(), 0, 6, key("run\u0000-1"), bytes));

        assertThat(incoming).usingRecursiveComparison().isEqualTo(new Incoming.Bad(new QuarantinedRecord(
                Topics.CONTROL.name(), 0, 6, "run\uFFFD-1", bytes,
                "field 'source.evidence.note' holds a NUL character, which PostgreSQL cannot store", "run-1",
                "cmd-4")));
    }

    @Test
    void quarantinesARecordWithoutValue() {
        Incoming incoming = decoder.decode(new ConsumerRecord<>(Topics.RUN_EVENTS.name(), 0, 7, key("run-1"), null));

        assertThat(incoming).usingRecursiveComparison().isEqualTo(new Incoming.Bad(new QuarantinedRecord(
                Topics.RUN_EVENTS.name(), 0, 7, "run-1", null, "an event must be a JSON object", null, null)));
    }

    private static byte[] key(String runId) {
        return runId.getBytes(StandardCharsets.UTF_8);
    }
}
