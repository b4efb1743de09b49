package io.coxswain.ledger.query;

import io.coxswain.ledger.LedgerException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Splits the stream of {@code COPY ... TO STDOUT (FORMAT binary)} into rows, whatever the chunks it arrives in:
 * the signature and header, then per row a field count and each field's length (-1 for NULL) and bytes, then -1.
 */
final class BinaryCopyReader {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    /** Receives one row: its fields' bytes, null for SQL NULL. */
    interface RowSink {
        void row(byte[][] fields);
    }

    private final int columns;
    private final RowSink sink;
    private byte[] pending = new byte[0];
    private boolean headerRead;
    private boolean ended;

    BinaryCopyReader(int columns, RowSink sink) {
        this.columns = columns;
        this.sink = sink;
    }

    /** Takes the next chunk and hands every row it completes to the sink. */
    void accept(byte[] chunk) {
        byte[] data = pending.length == 0 ? chunk : concat(pending, chunk);
        ByteBuffer in = ByteBuffer.wrap(data);
        if (!headerRead) {
            if (in.remaining() < SIGNATURE.length + 8) {
                pending = data;
                return;
            }
            byte[] signature = new byte[SIGNATURE.length];
            in.get(signature);
            if (!Arrays.equals(signature, SIGNATURE)) {
                throw new LedgerException("the database's COPY output does not start with the binary signature");
            }
            in.getInt();  // flags
            in.position(in.position() + 4 + in.getInt(in.position()));  // header extension
            headerRead = true;
        }
        while (!ended && in.remaining() >= 2) {
            int start = in.position();
            short count = in.getShort();
            if (count == -1) {
                ended = true;
                break;
            }
            if (count != columns) {
                throw new LedgerException("a COPY row has " + count + " fields, the walk reads " + columns);
            }
            byte[][] fields = new byte[columns][];
            boolean complete = true;
            for (int i = 0; i < columns && complete; i++) {
                if (in.remaining() < 4) {
                    complete = false;
                    break;
                }
                int length = in.getInt();
                if (length >= 0) {
                    if (in.remaining() < length) {
                        complete = false;
                        break;
                    }
                    fields[i] = new byte[length];
                    in.get(fields[i]);
                }
            }
            if (!complete) {
                in.position(start);
                break;
            }
            sink.row(fields);
        }
        pending = Arrays.copyOfRange(data, in.position(), data.length);
    }

    /** Whether the stream's end marker was read. */
    boolean ended() {
        return ended;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
