package io.coxswain.ledger.projection;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

/**
 * Writes {@code checkpoints}: per run and path, the latest save and the latest deletion, each by its event's time
 * then id (the SQL function event_is_later), so the row ends the same in whatever order they come.
 */
interface CheckpointStore {

    @SqlBatch("""
            INSERT INTO checkpoints (run_id, path, step, bytes, final, saved_at, saved_event_id)
            VALUES (:runId, :path, :step, :bytes, :isFinal, :savedAt, :eventId)
            ON CONFLICT (run_id, path) DO UPDATE SET
                step = excluded.step, bytes = excluded.bytes, final = excluded.final,
                saved_at = excluded.saved_at, saved_event_id = excluded.saved_event_id
            WHERE event_is_later(excluded.saved_at, excluded.saved_event_id,
                                 checkpoints.saved_at, checkpoints.saved_event_id)""")
    void save(@BindMethods List<CheckpointChange.Saved> saved);

    @SqlBatch("""
            INSERT INTO checkpoints (run_id, path, deleted_at, deleted_step, deleted_reason, freed_bytes,
                                     deleted_event_id)
            VALUES (:runId, :path, :deletedAt, :step, :reason, :bytes, :eventId)
            ON CONFLICT (run_id, path) DO UPDATE SET
                deleted_at = excluded.deleted_at, deleted_step = excluded.deleted_step,
                deleted_reason = excluded.deleted_reason, freed_bytes = excluded.freed_bytes,
                deleted_event_id = excluded.deleted_event_id
            WHERE event_is_later(excluded.deleted_at, excluded.deleted_event_id,
                                 checkpoints.deleted_at, checkpoints.deleted_event_id)""")
    void delete(@BindMethods List<CheckpointChange.Deleted> deleted);
}
