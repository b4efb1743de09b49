package io.coxswain.ledger.store;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/** Keeps undecodable records, once per topic, partition and offset. */
public interface QuarantineStore {

    /** @return per record, 1 when stored now, 0 when it was stored before */
    @SqlBatch("""
            INSERT INTO quarantine (source_topic, source_partition, source_offset, record_key, raw, reason, run_id,
                                    message_id)
            VALUES (:sourceTopic, :sourcePartition, :sourceOffset, :recordKey, :raw, :reason, :runId, :messageId)
            ON CONFLICT (source_topic, source_partition, source_offset) DO NOTHING""")
    int[] insertNew(@BindMethods List<QuarantinedRecord> records);
}
