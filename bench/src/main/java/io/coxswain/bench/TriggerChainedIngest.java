package io.coxswain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.ledger.projection.ProjectionStore;
import io.coxswain.ledger.projection.Projector;
import io.coxswain.ledger.store.OffsetStore;
import io.coxswain.ledger.store.StoredOffset;
import io.coxswain.protocol.codec.Decoded;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.CommandAnswer;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The ledger's write path before hashes were computed by the ledger, kept here as the benchmark's baseline: the V2
 * trigger links and hashes each row in SQL as it is inserted (an advisory lock, a look-up of the run's last row and
 * {@code jsonb_build_array(...)::text} per row), the batch inserted row by row in a JDBC batch sorted by run id,
 * projections and offsets in the same transaction, a new connection per transaction. Same consumer settings.
 */
final class TriggerChainedIngest {
    /** Puts V2's row trigger back on a database migrated to the current schema, instead of V5's statement check. */
    static final String REINSTATE_V2_TRIGGER = """
            DROP TRIGGER events_check_links ON events;
            ALTER TABLE events DROP CONSTRAINT events_run_seq_from_one, DROP CONSTRAINT events_hashes_are_sha256,
                               DROP CONSTRAINT events_first_row_has_no_prev;
            CREATE FUNCTION events_content_hash(run_id text, run_seq bigint, event_id text, experiment_id text,
                                                type text, seq bigint, step bigint, event_time timestamptz,
                                                command_id text, payload jsonb, prev_hash bytea)
            RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
                SELECT sha256(convert_to(jsonb_build_array(run_id, run_seq, event_id, experiment_id, type, seq, step,
                                         floor(extract(epoch FROM event_time) * 1000000)::bigint, command_id,
                                         payload)::text, 'UTF8') || coalesce(prev_hash, ''::bytea))
            $$;
            CREATE FUNCTION events_link() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                prior record;
            BEGIN
                PERFORM pg_advisory_xact_lock(hashtextextended('coxswain.events:' || NEW.run_id, 0));
                SELECT run_seq, content_hash INTO prior FROM events WHERE run_id = NEW.run_id
                 ORDER BY run_seq DESC LIMIT 1;
                NEW.run_seq := coalesce(prior.run_seq, 0) + 1;
                NEW.prev_hash := prior.content_hash;
                NEW.content_hash := events_content_hash(NEW.run_id, NEW.run_seq, NEW.event_id, NEW.experiment_id,
                                                        NEW.type, NEW.seq, NEW.step, NEW.event_time, NEW.command_id,
                                                        NEW.payload, NEW.prev_hash);
                RETURN NEW;
            END $$;
            CREATE TRIGGER events_link BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_link();
            """;
    private static final String INSERT = """
            INSERT INTO events (event_id, run_id, experiment_id, type, seq, step, event_time, payload, command_id,
                                source_topic, source_partition, source_offset)
            VALUES (:eventId, :runId, :experimentId, :type, :seq, :step, :eventTime, :payload, :commandId,
                    :sourceTopic, :sourcePartition, :sourceOffset)
            ON CONFLICT (event_id) DO NOTHING""";

    private final Jdbi jdbi;
    private final String groupId;
    private final KafkaConsumer<byte[], byte[]> consumer;

    TriggerChainedIngest(String bootstrap, Jdbi jdbi, String groupId, int batchSize) {
        this.jdbi = jdbi;
        this.groupId = groupId;
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, groupId, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Reads both topics from the beginning until {@code records} records are stored; returns the seconds from the
     * partitions' assignment (as {@code LedgerIngest.start()} returns) to the last commit.
     */
    double drain(long records) {
        long[] assignedAt = {0};
        consumer.subscribe(List.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                if (assignedAt[0] == 0) {
                    assignedAt[0] = System.nanoTime();
                }
            }
        });
        long done = 0;
        while (done < records) {
            ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(500));
            if (!polled.isEmpty()) {
                store(polled);
                done += polled.count();
            }
        }
        double seconds = (System.nanoTime() - assignedAt[0]) / 1e9;
        consumer.close();
        return seconds;
    }

    private void store(ConsumerRecords<byte[], byte[]> polled) {
        List<Row> rows = new ArrayList<>();
        List<StoredOffset> offsets = new ArrayList<>();
        for (TopicPartition partition : polled.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> part = polled.records(partition);
            part.forEach(r -> rows.add(decode(r)));
            offsets.add(new StoredOffset(partition.topic(), partition.partition(), part.get(part.size() - 1).offset()
                    + 1));
        }
        jdbi.useTransaction(h -> write(h, rows, offsets));
    }

    private void write(Handle handle, List<Row> rows, List<StoredOffset> offsets) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::runId));
        PreparedBatch batch = handle.prepareBatch(INSERT);
        for (Row row : sorted) {
            batch.bind("eventId", row.eventId).bind("runId", row.runId).bind("experimentId", row.experimentId)
                    .bind("type", row.type).bind("seq", row.seq).bind("step", row.step)
                    .bind("eventTime", row.eventTime).bind("payload", row.payload).bind("commandId", row.commandId)
                    .bind("sourceTopic", row.topic).bind("sourcePartition", row.partition)
                    .bind("sourceOffset", row.offset).add();
        }
        Set<String> inserted = new HashSet<>(batch.executePreparedBatch("event_id").mapTo(String.class).list());
        List<EventEnvelope> events = new ArrayList<>();
        List<ControlCommand> commands = new ArrayList<>();
        for (Row row : rows) {
            if (inserted.remove(row.eventId)) {
                if (row.event != null) {
                    events.add(row.event);
                } else {
                    commands.add(row.command);
                }
            }
        }
        handle.attach(ProjectionStore.class).apply(Projector.plan(events, commands));
        handle.attach(OffsetStore.class).advance(groupId, offsets);
    }

    private static Row decode(ConsumerRecord<byte[], byte[]> r) {
        JsonNode payload;
        try {
            payload = Json.mapper().readTree(r.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (r.topic().equals(Topics.CONTROL.name())) {
            ControlCommand c = ((Decoded.Ok<ControlCommand>) Topics.CONTROL.codec().decode(r.value())).value();
            return new Row("control:" + r.partition() + ":" + r.offset(), c.runId(), null, ControlCommand.TYPE, null,
                    null, c.issuedAt(), payload, c.commandId(), r.topic(), r.partition(), r.offset(), null, c);
        }
        EventEnvelope e = ((Decoded.Ok<EventEnvelope>) Topics.RUN_EVENTS.codec().decode(r.value())).value();
        return new Row(e.header().eventId(), e.runId(), e.header().experimentId(), e.type(), e.header().seq(),
                e.step(), e.header().time(), payload, CommandAnswer.commandIdOf(e.event()), r.topic(), r.partition(),
                r.offset(), e, null);
    }

    private record Row(String eventId, String runId, String experimentId, String type, Long seq, Long step,
                       Instant eventTime, JsonNode payload, String commandId, String topic, int partition,
                       long offset, EventEnvelope event, ControlCommand command) {
    }
}
