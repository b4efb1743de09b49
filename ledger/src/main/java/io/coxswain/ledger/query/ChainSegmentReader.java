package io.coxswain.ledger.query;

import io.coxswain.ledger.LedgerException;
import io.coxswain.ledger.store.ChainHash;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads one range of {@code (run_id, run_seq)} in order and recomputes each row's hash over what is stored
 * ({@link ChainHash}; the payload as {@code payload::text} prints it), checking each row against the row before it in
 * its run. The rows come as one {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)}: the database sends them without
 * waiting for the reader, text as the bytes it holds, numbers, times and hashes as their binary values.
 */
final class ChainSegmentReader {
    private static final int COLUMNS = 13;
    private static final String SELECT = """
            SELECT id, run_id, run_seq, event_id, experiment_id, type, seq, step, event_time, command_id,
                   payload::text, prev_hash, content_hash
              FROM events""";
    /** timestamptz in binary: microseconds from 2000-01-01 UTC. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

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

    /**
     * Reads the rows with {@code from < (run_id, run_seq) <= to} (no bound where absent), in the transaction, along
     * the index on {@code (run_id, run_seq)}: rows flow from the first one, where a sort of the whole range would
     * hold them back (and spill to disk).
     */
    static ChainSegment read(Handle handle, ChainRange range) {
        handle.execute("SET LOCAL enable_seqscan = off");
        handle.execute("SET LOCAL enable_bitmapscan = off");
        handle.execute("SET LOCAL enable_sort = off");
        handle.execute("SET LOCAL max_parallel_workers_per_gather = 0");
        ChainSegmentReader reader = new ChainSegmentReader();
        List<String> where = new ArrayList<>();
        if (range.from() != null) {
            where.add("(run_id, run_seq) > (" + text(range.from().runId()) + ", " + range.from().runSeq() + ")");
        }
        if (range.to() != null) {
            where.add("(run_id, run_seq) <= (" + text(range.to().runId()) + ", " + range.to().runSeq() + ")");
        }
        String sql = "COPY (" + SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY run_id, run_seq) TO STDOUT (FORMAT binary)";
        BinaryCopyReader copy = new BinaryCopyReader(COLUMNS, reader::row);
        try {
            CopyOut out = handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            try {
                for (byte[] chunk = out.readFromCopy(); chunk != null; chunk = out.readFromCopy()) {
                    copy.accept(chunk);
                }
            } catch (RuntimeException e) {
                if (out.isActive()) {
                    out.cancelCopy();
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read the events to walk their chains: " + e.getMessage(), e);
        }
        if (!copy.ended()) {
            throw new LedgerException("the database's COPY output of the events ended before its end marker");
        }
        return reader.finish();
    }

    /**
     * A text constant (COPY takes no parameters), as an escape string: the same meaning whatever
     * {@code standard_conforming_strings} says. Text never holds NUL.
     */
    private static String text(String value) {
        return "E'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private void row(byte[][] f) {
        rows++;
        long id = int8(f[0]);
        byte[] run = f[1];
        long runSeq = int8(f[2]);
        byte[] eventId = f[3];
        Long seq = f[6] == null ? null : int8(f[6]);
        Long step = f[7] == null ? null : int8(f[7]);
        long micros = int8(f[8]) + POSTGRES_EPOCH_MICROS;
        byte[] prev = f[11];
        byte[] content = f[12];
        boolean altered = !Arrays.equals(content,
                hash.of(run, runSeq, eventId, f[4], f[5], seq, step, micros, f[9], f[10], prev));
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

    private static long int8(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    private static String text(byte[] utf8) {
        return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
    }
}
