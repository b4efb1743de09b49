package io.coxswain.ledger.store;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/** Appends to the event store. */
public interface EventStore {

    /**
     * Inserts the events whose ids are not stored yet, in order.
     *
     * @return the ids of the rows inserted now; an id already stored is left out
     */
    @SqlBatch("""
            INSERT INTO events (event_id, run_id, experiment_id, type, seq, step, event_time, payload, command_id,
                                source_topic, source_partition, source_offset)
            VALUES (:eventId, :runId, :experimentId, :type, :seq, :step, :eventTime, :payload, :commandId,
                    :sourceTopic, :sourcePartition, :sourceOffset)
            ON CONFLICT (event_id) DO NOTHING""")
    @GetGeneratedKeys("event_id")
    List<String> insertNew(@BindMethods List<NewEvent> events);
}
