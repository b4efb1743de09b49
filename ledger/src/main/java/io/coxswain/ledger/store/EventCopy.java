package io.coxswain.ledger.store;

import io.coxswain.ledger.LedgerException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;

/**
 * Inserts linked rows with one {@code COPY ... FROM STDIN (FORMAT binary)}: each value travels as its bytes, with no
 * quoting to add or parse, and the database's statement check (V5) runs once for the whole batch. A copy inserts
 * every row or fails: the caller leaves out the ids already stored beforehand.
 */
final class EventCopy {
    private static final String COPY = """
            COPY events (event_id, run_id, experiment_id, type, seq, step, event_time, payload, command_id,
                         source_topic, source_partition, source_offset, run_seq, prev_hash, content_hash)
            FROM STDIN (FORMAT binary)""";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final short COLUMNS = 15;
    /** PostgreSQL's timestamps count microseconds from 2000-01-01 UTC. */
    private static final long POSTGRES_EPOCH_MICROS = ChainHash.micros(Instant.parse("2000-01-01T00:00:00Z"));
    private static final int JSONB_VERSION = 1;

    private EventCopy() {
    }

    /** @return the number of rows inserted: all of them */
    static long insert(Handle handle, List<LinkedEvent> rows) {
        try {
            byte[] data = encode(rows);
            PGConnection pg = handle.getConnection().unwrap(PGConnection.class);
            return pg.getCopyAPI().copyIn(COPY, new java.io.ByteArrayInputStream(data));
        } catch (SQLException | IOException e) {
            throw new LedgerException("cannot insert " + rows.size() + " events: " + e.getMessage(), e);
        }
    }

    static byte[] encode(List<LinkedEvent> rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows.size() * 1024);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(SIGNATURE);
        out.writeInt(0);  // flags
        out.writeInt(0);  // header extension length
        for (LinkedEvent row : rows) {
            NewEvent e = row.event();
            out.writeShort(COLUMNS);
            text(out, e.eventId());
            text(out, e.runId());
            text(out, e.experimentId());
            text(out, e.type());
            int8(out, e.seq());
            int8(out, e.step());
            int8(out, ChainHash.micros(e.eventTime()) - POSTGRES_EPOCH_MICROS);
            byte[] payload = e.payload().getBytes(StandardCharsets.UTF_8);
            out.writeInt(payload.length + 1);
            out.writeByte(JSONB_VERSION);
            out.write(payload);
            text(out, e.commandId());
            text(out, e.sourceTopic());
            out.writeInt(4);
            out.writeInt(e.sourcePartition());
            int8(out, e.sourceOffset());
            int8(out, row.runSeq());
            bytes(out, row.prevHash());
            bytes(out, row.contentHash());
        }
        out.writeShort(-1);
        out.flush();
        return bytes.toByteArray();
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        bytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }

    private static void int8(DataOutputStream out, Long value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(8);
            out.writeLong(value);
        }
    }
}
