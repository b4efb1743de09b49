package io.coxswain.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.store.QuarantinedRecord;
import io.coxswain.ledger.store.StoredOffset;
import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerServers;
import io.coxswain.ledger.testing.RunScript;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LedgerInfrastructure.class)
class BatchWriterTest {
    private final LedgerServers servers;
    private final LedgerQueries queries;
    private final BatchWriter writer;
    private final RecordDecoder decoder = new RecordDecoder(Clock.systemUTC());
    private final String runId = RunScript.uniqueRunId("writer");
    private final RunScript run = new RunScript(runId);
    /** A partition of its own, so the offsets this test stores do not mix with any consumer's. */
    private final String topic = Topics.RUN_EVENTS.name();
    private long offset;

    BatchWriterTest(LedgerServers servers) {
        this.servers = servers;
        this.queries = new LedgerQueries(servers.jdbi());
        this.writer = new BatchWriter(servers.jdbi(), "batch-writer-test-" + UUID.randomUUID());
    }

    @Test
    void storesARepeatedBatchOnceAndCountsItsDuplicates() {
        List<Incoming> batch = decode(run.started(), run.step(1, 2.0, 0.01, 32), run.step(2, 1.9, 0.01, 32));

        BatchOutcome first = writer.write(batch, offsets());
        BatchOutcome again = writer.write(batch, offsets());

        assertThat(first).isEqualTo(new BatchOutcome(3, 3, 0, List.of()));
        assertThat(again).isEqualTo(new BatchOutcome(3, 0, 3, List.of()));
        assertThat(queries.eventCount(runId)).isEqualTo(3);
    }

    @Test
    void projectsAnEventThatCameTwiceInOneBatchOnce() {
        EventEnvelope changed = run.parameterChanged(5, "cmd-" + UUID.randomUUID(), "learning_rate",
                DoubleNode.valueOf(0.01), DoubleNode.valueOf(0.02), CommandSource.user("ada"));

        BatchOutcome outcome = writer.write(decode(changed, changed), offsets());

        assertThat(outcome).isEqualTo(new BatchOutcome(2, 1, 1, List.of()));
        assertThat(queries.parameterChanges(runId)).hasSize(1);
    }

    @Test
    void keepsAnUndecodableRecordInQuarantineOnce() {
        List<Incoming> batch = List.of(decoder.decode(record(runId, "not json".getBytes(StandardCharsets.UTF_8))));
        QuarantinedRecord bad = ((Incoming.Bad) batch.get(0)).record();

        BatchOutcome first = writer.write(batch, offsets());
        BatchOutcome again = writer.write(batch, offsets());

        assertThat(first).isEqualTo(new BatchOutcome(1, 0, 0, List.of(bad)));
        assertThat(again).isEqualTo(new BatchOutcome(1, 0, 0, List.of()));
    }

    @Test
    void keepsTheLatestStepWhenAnOlderStepArrivesLate() {
        writer.write(decode(run.started(), run.step(5, 1.5, 0.02, 64)), offsets());

        writer.write(decode(run.step(3, 1.8, 0.01, 32)), offsets());

        assertThat(queries.run(runId).orElseThrow())
                .extracting("lastStep", "lastLoss", "learningRate", "batchSize")
                .containsExactly(5L, 1.5, 0.02, 64);
        assertThat(queries.eventCount(runId)).isEqualTo(3);
    }

    private List<Incoming> decode(EventEnvelope... events) {
        List<Incoming> batch = new ArrayList<>();
        for (EventEnvelope e : events) {
            batch.add(decoder.decode(record(runId, Topics.RUN_EVENTS.codec().encode(e))));
        }
        return batch;
    }

    private ConsumerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>(topic, 99, offset++, key.getBytes(StandardCharsets.UTF_8), value);
    }

    private List<StoredOffset> offsets() {
        return List.of(new StoredOffset(topic, 99, offset));
    }
}
