package io.coxswain.ledger.ingest;

import static io.coxswain.ledger.testing.Expected.row;
import static io.coxswain.ledger.testing.Expected.withoutIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.ledger.query.ChainReport;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.query.ParameterChangeRow;
import io.coxswain.ledger.query.QuarantineRow;
import io.coxswain.ledger.query.RunStatus;
import io.coxswain.ledger.query.RunSummary;
import io.coxswain.ledger.testing.Expected;
import io.coxswain.ledger.testing.Fleet;
import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerServers;
import io.coxswain.ledger.testing.RunScript;
import io.coxswain.ledger.testing.TestProducer;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LedgerInfrastructure.class)
class LedgerIngestTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final LedgerServers servers;
    private final LedgerQueries queries;
    private final TestProducer producer;
    private final String group = "ledger-test-" + UUID.randomUUID();
    private final String runId = RunScript.uniqueRunId("ingest");
    private final RunScript run = new RunScript(runId);

    LedgerIngestTest(LedgerServers servers) {
        this.servers = servers;
        this.queries = new LedgerQueries(servers.jdbi());
        this.producer = new TestProducer(servers.bootstrap());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void storesEventsAndCommandsAsTheyCameAndProjectsTheRun() {
        EventEnvelope started = run.started();
        EventEnvelope step1 = run.step(1, 2.5, 0.01, 32);
        EventEnvelope step2 = run.step(2, 2.25, 0.02, 64);
        ControlCommand command = setLearningRate(UUID.randomUUID().toString(), 0.02, "try a larger step");

        try (LedgerIngest ingest = startIngest()) {
            producer.send(Topics.RUN_EVENTS, runId, started);
            RecordMetadata sentCommand = producer.send(Topics.CONTROL, runId, command);
            producer.send(Topics.RUN_EVENTS, runId, step1);
            producer.send(Topics.RUN_EVENTS, runId, step2);
            await().atMost(WAIT).untilAsserted(() -> assertThat(queries.eventCount(runId)).isEqualTo(4));

            assertThat(withoutIds(queries.events(runId, 10))).containsExactlyInAnyOrder(
                    row(started), row(command, sentCommand), row(step1), row(step2));
            assertThat(withoutIds(queries.events(runId, 10)).stream().filter(e -> e.seq() != null).toList())
                    .containsExactly(row(started), row(step1), row(step2));
            RunSummary summary = queries.run(runId).orElseThrow();
            assertThat(summary).isEqualTo(new RunSummary(runId, RunScript.EXPERIMENT, RunScript.WORKLOAD,
                    RunStatus.RUNNING, RunScript.SEED, RunScript.PLANNED_STEPS, started.header().time(), null, null,
                    null, 2L, 2.25, 0.02, 64, RunScript.config(), summary.updatedAt()));
        }
    }

    @Test
    void storesARedeliveredEventOnce() {
        List<EventEnvelope> events = List.of(run.started(), run.step(1, 2.5, 0.01, 32), run.step(2, 2.4, 0.01, 32));

        try (LedgerIngest ingest = startIngest()) {
            events.forEach(e -> producer.send(Topics.RUN_EVENTS, runId, e));
            await().atMost(WAIT).untilAsserted(() -> assertThat(queries.eventCount(runId)).isEqualTo(3));
            var firstStored = queries.events(runId, 10);

            events.forEach(e -> producer.send(Topics.RUN_EVENTS, runId, e));
            awaitCaughtUp();

            assertThat(queries.events(runId, 10)).isEqualTo(firstStored);
            assertThat(queries.run(runId).orElseThrow().lastStep()).isEqualTo(2L);
        }
    }

    @Test
    void recordsAParameterChangeWithItsCommandsReason() {
        String commandId = UUID.randomUUID().toString();
        ObjectNode evidence = Json.mapper().createObjectNode().put("loss_delta", 0.0004).put("window", 50);
        CommandSource source = CommandSource.rule("control-streams", "loss-plateau", evidence);
        ControlCommand command = new ControlCommand(commandId, runId, RunScript.BASE_TIME, source,
                List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.005))), "loss flat for 50 steps");
        EventEnvelope changed = run.parameterChanged(120, commandId, "learning_rate", DoubleNode.valueOf(0.01),
                DoubleNode.valueOf(0.005), source);

        try (LedgerIngest ingest = startIngest()) {
            producer.send(Topics.CONTROL, runId, command);
            await().atMost(WAIT).untilAsserted(() -> assertThat(queries.eventCount(runId)).isEqualTo(1));
            producer.send(Topics.RUN_EVENTS, runId, changed);

            await().atMost(WAIT).untilAsserted(() -> assertThat(queries.parameterChanges(runId)).containsExactly(
                    new ParameterChangeRow(changed.header().eventId(), runId, 120, "learning_rate",
                            DoubleNode.valueOf(0.01), DoubleNode.valueOf(0.005), commandId, SourceKind.RULE,
                            "control-streams", "loss-plateau", evidence, "loss flat for 50 steps",
                            changed.header().time())));
        }
    }

    @Test
    void givesAParameterChangeItsReasonWhenTheCommandArrivesAfterIt() {
        String commandId = UUID.randomUUID().toString();
        CommandSource source = CommandSource.user("ada");
        EventEnvelope changed = run.parameterChanged(40, commandId, "learning_rate", DoubleNode.valueOf(0.01),
                DoubleNode.valueOf(0.02), source);
        ParameterChangeRow withoutReason = new ParameterChangeRow(changed.header().eventId(), runId, 40,
                "learning_rate", DoubleNode.valueOf(0.01), DoubleNode.valueOf(0.02), commandId, SourceKind.USER,
                "ada", null, null, null, changed.header().time());

        try (LedgerIngest ingest = startIngest()) {
            producer.send(Topics.RUN_EVENTS, runId, changed);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(queries.parameterChanges(runId)).containsExactly(withoutReason));
            producer.send(Topics.CONTROL, runId, new ControlCommand(commandId, runId, RunScript.BASE_TIME, source,
                    List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.02))), "warm-up is over"));

            await().atMost(WAIT).untilAsserted(() -> assertThat(queries.parameterChanges(runId)).containsExactly(
                    new ParameterChangeRow(withoutReason.eventId(), runId, 40, "learning_rate",
                            DoubleNode.valueOf(0.01), DoubleNode.valueOf(0.02), commandId, SourceKind.USER, "ada",
                            null, null, "warm-up is over", changed.header().time())));
        }
    }

    @Test
    void quarantinesUndecodableRecordsWithTheReasonAndGoesOn() {
        byte[] notJson = "{\"v\":1, \"type\":".getBytes(StandardCharsets.UTF_8);
        ObjectNode noEventId = (ObjectNode) Expected.wireOf(run.step(1, 2.0, 0.01, 32));
        noEventId.remove("eventId");
        EventEnvelope nulInDetail = run.finished(1, RunFinished.FAILED, "bad\u0000byte");
        ObjectNode noActions = (ObjectNode) Expected.wireOf(setLearningRate("c-1", 0.1, "why not"));
        noActions.putArray("actions");
        EventEnvelope after = run.step(2, 1.9, 0.01, 32);

        try (LedgerIngest ingest = startIngest()) {
            RecordMetadata m1 = producer.sendBytes(Topics.RUN_EVENTS.name(), runId, notJson);
            RecordMetadata m2 = producer.sendBytes(Topics.RUN_EVENTS.name(), runId, bytes(noEventId));
            RecordMetadata m3 = producer.send(Topics.RUN_EVENTS, runId, nulInDetail);
            RecordMetadata m4 = producer.sendBytes(Topics.CONTROL.name(), runId, bytes(noActions));
            producer.send(Topics.RUN_EVENTS, runId, after);
            await().atMost(WAIT).untilAsserted(() -> assertThat(queries.eventCount(runId)).isEqualTo(1));

            String notJsonReason = ((Decoded.Failure<EventEnvelope>) Topics.RUN_EVENTS.codec().decode(notJson)).reason();
            assertThat(quarantinedFor(List.of(m1, m2, m3, m4))).containsExactlyInAnyOrder(
                    quarantined(m1, notJson, notJsonReason, null, null),
                    quarantined(m2, bytes(noEventId), "missing field 'eventId'", runId, null),
                    quarantined(m3, Topics.RUN_EVENTS.codec().encode(nulInDetail),
                            "field 'detail' holds a NUL character, which PostgreSQL cannot store", runId,
                            nulInDetail.header().eventId()),
                    quarantined(m4, bytes(noActions),
                            "field 'actions' is empty: a command needs at least one action", runId, "c-1"));
            assertThat(withoutIds(queries.events(runId, 10))).containsExactly(row(after));
            assertThat(ingest.stats().running()).isTrue();
        }
    }

    @Test
    void resumesFromTheOffsetsStoredInTheDatabaseAfterARestart() {
        List<EventEnvelope> before = List.of(run.started(), run.step(1, 2.5, 0.01, 32), run.step(2, 2.4, 0.01, 32));
        List<EventEnvelope> whileStopped = List.of(run.step(3, 2.3, 0.01, 32), run.step(4, 2.2, 0.01, 32));
        try (LedgerIngest first = startIngest()) {
            before.forEach(e -> producer.send(Topics.RUN_EVENTS, runId, e));
            await().atMost(WAIT).untilAsserted(() -> assertThat(queries.eventCount(runId)).isEqualTo(3));
            awaitCaughtUp();
        }
        whileStopped.forEach(e -> producer.send(Topics.RUN_EVENTS, runId, e));
        servers.commitInKafka(group, 0);

        try (LedgerIngest second = startIngest()) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(queries.eventCount(runId)).isEqualTo(5));
            awaitCaughtUp();

            assertThat(withoutIds(queries.events(runId, 10))).containsExactly(row(before.get(0)), row(before.get(1)),
                    row(before.get(2)), row(whileStopped.get(0)), row(whileStopped.get(1)));
            IngestStats stats = second.stats();
            assertThat(List.of(stats.records(), stats.stored(), stats.duplicates(), stats.quarantined()))
                    .as("the second ingest read only what was sent while none ran").containsExactly(2L, 2L, 0L, 0L);
        }
    }

    @Test
    void finishesTheRunAndStillStoresItsLateEvents() {
        EventEnvelope started = run.started();
        EventEnvelope step = run.step(10, 1.5, 0.01, 32);
        EventEnvelope finished = run.finished(10, RunFinished.STOPPED, "stopped by rule loss-plateau");
        EventEnvelope lateCheckpoint = run.checkpoint(10, true);
        EventEnvelope lateEval = run.evaluated(10, 1.7);

        try (LedgerIngest ingest = startIngest()) {
            List.of(started, step, finished).forEach(e -> producer.send(Topics.RUN_EVENTS, runId, e));
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(queries.run(runId).map(RunSummary::status)).contains(RunStatus.FINISHED));
            List.of(lateCheckpoint, lateEval).forEach(e -> producer.send(Topics.RUN_EVENTS, runId, e));
            await().atMost(WAIT).untilAsserted(() -> assertThat(queries.eventCount(runId)).isEqualTo(5));

            assertThat(withoutIds(queries.events(runId, 10))).containsExactly(
                    row(started), row(step), row(finished), row(lateCheckpoint), row(lateEval));
            RunSummary summary = queries.run(runId).orElseThrow();
            assertThat(summary).isEqualTo(new RunSummary(runId, RunScript.EXPERIMENT, RunScript.WORKLOAD,
                    RunStatus.FINISHED, RunScript.SEED, RunScript.PLANNED_STEPS, started.header().time(),
                    finished.header().time(), RunFinished.STOPPED, "stopped by rule loss-plateau", 10L, 1.5, 0.01, 32,
                    RunScript.config(), summary.updatedAt()));
        }
    }

    @Test
    void rollsBackABatchWhoseOffsetsCannotBeStoredAndStoresItOnceTheDatabaseRecovers() {
        List<EventEnvelope> events = List.of(run.started(), run.step(1, 2.5, 0.01, 32), run.step(2, 2.4, 0.01, 32));

        try (LedgerIngest ingest = startIngest()) {
            awaitCaughtUp();
            renameTable("consumer_offsets", "consumer_offsets_offline");
            try {
                events.forEach(e -> producer.send(Topics.RUN_EVENTS, runId, e));
                await().atMost(WAIT).until(() -> ingest.stats().failures() >= 3);

                assertThat(queries.eventCount(runId)).as("events of the failed batch").isZero();
                assertThat(ingest.stats().lastFailure()).contains("relation \"consumer_offsets\" does not exist");
            } finally {
                renameTable("consumer_offsets_offline", "consumer_offsets");
            }
            awaitCaughtUp();

            assertThat(withoutIds(queries.events(runId, 10))).containsExactly(
                    row(events.get(0)), row(events.get(1)), row(events.get(2)));
            assertThat(ingest.stats().running()).isTrue();
        }
    }

    @Test
    void consumersOfOneInstanceShareThePartitionsAndStoreEverythingOnceInIntactChains() {
        Fleet fleet = new Fleet(8, 10);
        try (LedgerIngest ingest = new LedgerIngest(servers.config(group).withConsumers(3), servers.jdbi())) {
            assertThat(ingest.start()).as("partitions assigned").isTrue();
            fleet.publish(producer, 40);
            awaitCaughtUp();

            IngestStats stats = ingest.stats();
            assertThat(List.of(stats.assignedPartitions(), stats.failures())).containsExactly(
                    2 * LedgerServers.PARTITIONS, 0L);
            assertThat(stats.running()).isTrue();
        }
        assertThat(fleet.notStoredExactlyOnce(servers.jdbi())).isEmpty();
        for (String runId : fleet.runIds()) {
            assertThat(queries.verifyChains(runId)).isEqualTo(new ChainReport(1, 1 + 40 + 4, List.of()));
        }
    }

    private LedgerIngest startIngest() {
        LedgerIngest ingest = new LedgerIngest(servers.config(group), servers.jdbi());
        assertThat(ingest.start()).as("partitions assigned").isTrue();
        return ingest;
    }

    /** Waits until the offsets stored for this test's group reach the end of every partition. */
    private void awaitCaughtUp() {
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(servers.storedOffsets(group)).isEqualTo(servers.endOffsets()));
    }

    private ControlCommand setLearningRate(String commandId, double value, String reason) {
        return new ControlCommand(commandId, runId, RunScript.BASE_TIME.plusSeconds(30), CommandSource.user("ada"),
                List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(value))), reason);
    }

    private List<QuarantineRow> quarantinedFor(List<RecordMetadata> sent) {
        return queries.quarantine(1000).stream()
                .filter(q -> sent.stream().anyMatch(m -> m.topic().equals(q.sourceTopic())
                        && m.partition() == q.sourcePartition() && m.offset() == q.sourceOffset()))
                .map(q -> new QuarantineRow(q.sourceTopic(), q.sourcePartition(), q.sourceOffset(), q.recordKey(),
                        q.raw(), q.reason(), q.runId(), q.messageId(), Instant.EPOCH))
                .toList();
    }

    private QuarantineRow quarantined(RecordMetadata sent, byte[] raw, String reason, String run, String messageId) {
        return new QuarantineRow(sent.topic(), sent.partition(), sent.offset(), runId, raw, reason, run, messageId,
                Instant.EPOCH);
    }

    private static byte[] bytes(ObjectNode json) {
        return Expected.bytes(json);
    }

    private void renameTable(String from, String to) {
        servers.jdbi().useHandle(h -> h.execute("ALTER TABLE " + from + " RENAME TO " + to));
    }
}
