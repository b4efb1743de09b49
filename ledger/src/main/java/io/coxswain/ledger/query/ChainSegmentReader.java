package io.coxswain.ledger.query;

import io.coxswain.ledger.store.ChainHash;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Reads one range of {@code (run_id, run_seq)} in order, streaming, and recomputes each row's hash over what is
 * stored ({@link ChainHash}; the payload as {@code payload::text} prints it), checking each row against the row
 * before it in its run. Text columns are read as the bytes PostgreSQL sent, so nothing is decoded to be hashed.
 */
final class ChainSegmentReader {
    private static final int FETCH_SIZE = 2_000;
    private static final String COLUMNS = """
            SELECT id, run_id, run_seq, event_id, experiment_id, type, seq, step, event_time, command_id,
                   payload::text AS payload, prev_hash, content_hash
              FROM events""";

    private final ChainHash hash = new ChainHash();
    private final List<RunSpan> spans = new ArrayList<>();
    private long rows;
    // the span being read
    private byte[] runId;
    private String runText;
    private long firstSeq;
    private long firstId;
    private String firstEventId;
    private byte[] firstPrev;
    private boolean firstAltered;
    private long lastSeq;
    private byte[] lastHash;
    private long spanRows;
    private ChainBreak innerBreak;

    private ChainSegmentReader() {
    }

    /** Reads the rows with {@code from < (run_id, run_seq) <= to} (no bound where absent), in the transaction. */
    static ChainSegment read(Handle handle, ChainRange range) {
        ChainSegmentReader reader = new ChainSegmentReader();
        List<String> where = new ArrayList<>();
        if (range.from() != null) {
            where.add("(run_id, run_seq) > (:fromRun, :fromSeq)");
        }
        if (range.to() != null) {
            where.add("(run_id, run_seq) <= (:toRun, :toSeq)");
        }
        String sql = COLUMNS + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY run_id, run_seq";
        var query = handle.createQuery(sql).setFetchSize(FETCH_SIZE);
        if (range.from() != null) {
            query.bind("fromRun", range.from().runId()).bind("fromSeq", range.from().runSeq());
        }
        if (range.to() != null) {
            query.bind("toRun", range.to().runId()).bind("toSeq", range.to().runSeq());
        }
        return query.scanResultSet((results, context) -> {
            ResultSet rs = results.get();
            while (rs.next()) {
                reader.row(rs);
            }
            return reader.finish();
        });
    }

    private void row(ResultSet rs) throws SQLException {
        rows++;
        long id = rs.getLong(1);
        byte[] run = rs.getBytes(2);
        long runSeq = rs.getLong(3);
        byte[] eventId = rs.getBytes(4);
        byte[] experimentId = rs.getBytes(5);
        byte[] type = rs.getBytes(6);
        long seqValue = rs.getLong(7);
        Long seq = rs.wasNull() ? null : seqValue;
        long stepValue = rs.getLong(8);
        Long step = rs.wasNull() ? null : stepValue;
        long micros = ChainHash.micros(rs.getObject(9, OffsetDateTime.class).toInstant());
        byte[] commandId = rs.getBytes(10);
        byte[] payload = rs.getBytes(11);
        byte[] prev = rs.getBytes(12);
        byte[] content = rs.getBytes(13);
        boolean altered = !Arrays.equals(content,
                hash.of(run, runSeq, eventId, experimentId, type, seq, step, micros, commandId, payload, prev));
        if (runId == null || !Arrays.equals(run, runId)) {
            closeSpan();
            runId = run;
            runText = text(run);
            firstSeq = runSeq;
            firstId = id;
            firstEventId = text(eventId);
            firstPrev = prev;
            firstAltered = altered;
            spanRows = 0;
            innerBreak = null;
        } else if (innerBreak == null) {
            String problem = altered ? "altered" : !Arrays.equals(prev, lastHash) ? "link"
                    : runSeq != lastSeq + 1 ? "gap" : null;
            if (problem != null) {
                innerBreak = new ChainBreak(runText, runSeq, id, text(eventId), problem);
            }
        }
        spanRows++;
        lastSeq = runSeq;
        lastHash = content;
    }

    private ChainSegment finish() {
        closeSpan();
        return new ChainSegment(rows, spans);
    }

    private void closeSpan() {
        if (runId != null) {
            spans.add(new RunSpan(runText, firstSeq, firstId, firstEventId, firstPrev, firstAltered, lastSeq, lastHash,
                    spanRows, innerBreak));
        }
    }

    private static String text(byte[] utf8) {
        return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
    }
}
