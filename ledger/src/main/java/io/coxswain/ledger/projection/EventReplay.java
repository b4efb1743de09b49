package io.coxswain.ledger.projection;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads the event store in the order it was stored, a chunk at a time, for {@link ProjectionRebuild}. */
interface EventReplay {

    @SqlQuery("SELECT count(*) FROM events")
    long count();

    /** The next {@code limit} rows after position {@code after}, in position order. */
    @SqlQuery("SELECT id, event_id, type, payload::text AS payload FROM events WHERE id > :after ORDER BY id LIMIT :limit")
    @RegisterConstructorMapper(StoredMessage.class)
    List<StoredMessage> after(@Bind("after") long after, @Bind("limit") int limit);

    /** How many rows a projection (a table or view of the ledger's own) holds. */
    @SqlQuery("SELECT count(*) FROM <projection>")
    long rows(@Define("projection") String projection);
}
