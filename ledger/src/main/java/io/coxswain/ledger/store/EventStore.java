package io.coxswain.ledger.store;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Appends to the event store, extending each run's hash chain. The ledger computes the hashes ({@link ChainHash});
 * the database checks that each inserted row extends its run's chain (migration V5).
 */
public interface EventStore extends SqlObject {

    /**
     * Inserts the events whose ids are not stored yet, in order, each at the end of its run's chain. Call inside a
     * transaction: the runs stay locked until it ends, so writers of one run take turns, and every writer locks
     * its runs in one order, so none waits on another in a cycle.
     *
     * @return the ids of the rows inserted now; an id already stored, or repeated in {@code events}, is left out
     * @throws io.coxswain.ledger.LedgerException when the rows cannot be inserted, e.g. an id stored meanwhile by a
     *                                            writer of another run: nothing of the transaction is kept then
     */
    default List<String> appendNew(List<NewEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        String[] runs = events.stream().map(NewEvent::runId).distinct().toArray(String[]::new);
        lockRuns(runs);
        // read after the locks are held: a writer that held one before has committed, and this statement sees it
        Map<String, ChainHead> heads = heads(runs).stream()
                .collect(Collectors.toMap(ChainHead::runId, Function.identity()));
        String[] ids = events.stream().map(NewEvent::eventId).distinct().toArray(String[]::new);
        List<LinkedEvent> linked = ChainLinks.extend(events, new HashSet<>(storedIds(ids)), heads, new ChainHash());
        if (!linked.isEmpty()) {
            EventCopy.insert(getHandle(), linked);
        }
        return linked.stream().map(row -> row.event().eventId()).toList();
    }

    /** Takes each run's lock for the rest of the transaction, in the order of their keys. */
    @SqlQuery("""
            SELECT count(pg_advisory_xact_lock(k))
              FROM (SELECT DISTINCT hashtextextended('coxswain.events:' || r, 0) AS k
                      FROM unnest(CAST(:runs AS text[])) AS r ORDER BY k) keys""")
    long lockRuns(@Bind("runs") String[] runs);

    /** The last row of each run that has rows. */
    @SqlQuery("""
            SELECT r.run_id, h.run_seq, h.content_hash
              FROM unnest(CAST(:runs AS text[])) AS r(run_id)
              CROSS JOIN LATERAL (SELECT e.run_seq, e.content_hash FROM events e
                                   WHERE e.run_id = r.run_id ORDER BY e.run_seq DESC LIMIT 1) h""")
    @RegisterConstructorMapper(ChainHead.class)
    List<ChainHead> heads(@Bind("runs") String[] runs);

    @SqlQuery("SELECT event_id FROM events WHERE event_id = ANY(CAST(:ids AS text[]))")
    List<String> storedIds(@Bind("ids") String[] ids);

}
