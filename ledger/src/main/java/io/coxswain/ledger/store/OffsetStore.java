package io.coxswain.ledger.store;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Consumer positions kept in the database, the truth the ingest resumes from. */
public interface OffsetStore {

    @SqlQuery("SELECT topic, partition, next_offset FROM consumer_offsets WHERE group_id = :groupId")
    @RegisterConstructorMapper(StoredOffset.class)
    List<StoredOffset> nextOffsets(@Bind("groupId") String groupId);

    /** Moves each partition's position forward; a position behind the stored one (a stale instance) is ignored. */
    @SqlBatch("""
            INSERT INTO consumer_offsets (group_id, topic, partition, next_offset)
            VALUES (:groupId, :topic, :partition, :nextOffset)
            ON CONFLICT (group_id, topic, partition) DO UPDATE
               SET next_offset = excluded.next_offset, updated_at = now()
             WHERE consumer_offsets.next_offset < excluded.next_offset""")
    void advance(@Bind("groupId") String groupId, @BindMethods List<StoredOffset> offsets);
}
