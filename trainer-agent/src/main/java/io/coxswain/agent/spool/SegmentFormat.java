package io.coxswain.agent.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;

/**
 * The bytes of a spool segment: an 8-byte header (magic {@code CXSP}, format version 1), then frames of
 * {@code [int length][int crc32 of the payload][payload]}, big-endian. A frame is written with one positional write
 * and never changed, so after a crash only the last frame of the last segment can be incomplete; {@link #scan} finds
 * where the whole frames end.
 */
final class SegmentFormat {
    static final int MAGIC = 0x43585350;
    static final int VERSION = 1;
    static final int HEADER_BYTES = 8;
    static final int FRAME_OVERHEAD = 8;
    /** Larger lengths can only come from a damaged file (Kafka refuses such records anyway). */
    static final int MAX_PAYLOAD = 64 * 1024 * 1024;

    private SegmentFormat() {
    }

    static ByteBuffer header() {
        return ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).flip();
    }

    static ByteBuffer frame(byte[] payload) {
        return ByteBuffer.allocate(FRAME_OVERHEAD + payload.length).putInt(payload.length).putInt(crc(payload))
                .put(payload).flip();
    }

    static int frameBytes(int payloadLength) {
        return FRAME_OVERHEAD + payloadLength;
    }

    /**
     * What a segment holds.
     *
     * @param records    whole, intact frames from the start
     * @param validBytes where they end (the header alone when there are none)
     * @param ackedRecords frames that end at or before {@code ackedOffset}
     * @param ackedBytes where those frames end: {@code ackedOffset} itself when it is a frame boundary
     * @param problem    why the bytes after {@code validBytes} cannot be read, or null when there are none
     */
    record Scan(long records, long validBytes, long ackedRecords, long ackedBytes, String problem) {
    }

    /** Reads the whole segment, checking every frame; counts the frames that end at or before ackedOffset. */
    static Scan scan(FileChannel channel, long ackedOffset) throws IOException {
        long size = channel.size();
        if (size < HEADER_BYTES) {
            return new Scan(0, 0, 0, 0, "shorter than its " + HEADER_BYTES + "-byte header (" + size + " bytes)");
        }
        ByteBuffer header = read(channel, 0, HEADER_BYTES);
        int magic = header.getInt();
        int version = header.getInt();
        if (magic != MAGIC || version != VERSION) {
            return new Scan(0, 0, 0, 0,
                    String.format("not a spool segment (magic %08x, version %d)", magic, version));
        }
        long offset = HEADER_BYTES;
        long records = 0;
        long acked = 0;
        long ackedBytes = HEADER_BYTES;
        while (offset < size) {
            if (size - offset < FRAME_OVERHEAD) {
                return new Scan(records, offset, acked, ackedBytes, "truncated frame header at byte " + offset);
            }
            ByteBuffer frameHeader = read(channel, offset, FRAME_OVERHEAD);
            int length = frameHeader.getInt();
            int crc = frameHeader.getInt();
            if (length < 0 || length > MAX_PAYLOAD) {
                return new Scan(records, offset, acked, ackedBytes,
                        "impossible frame length " + length + " at byte " + offset);
            }
            if (size - offset - FRAME_OVERHEAD < length) {
                return new Scan(records, offset, acked, ackedBytes, "truncated frame at byte " + offset + " (" + length
                        + " bytes announced, " + (size - offset - FRAME_OVERHEAD) + " present)");
            }
            byte[] payload = read(channel, offset + FRAME_OVERHEAD, length).array();
            if (crc(payload) != crc) {
                return new Scan(records, offset, acked, ackedBytes,
                        "checksum mismatch in the frame at byte " + offset);
            }
            offset += FRAME_OVERHEAD + length;
            records++;
            if (offset <= ackedOffset) {
                acked++;
                ackedBytes = offset;
            }
        }
        return new Scan(records, offset, acked, ackedBytes, null);
    }

    /** The payload of the frame at {@code offset}, checked; throws on a damaged frame. */
    static byte[] readPayload(FileChannel channel, long offset) throws IOException {
        ByteBuffer frameHeader = read(channel, offset, FRAME_OVERHEAD);
        int length = frameHeader.getInt();
        int crc = frameHeader.getInt();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("impossible frame length " + length + " at byte " + offset);
        }
        byte[] payload = read(channel, offset + FRAME_OVERHEAD, length).array();
        if (crc(payload) != crc) {
            throw new IOException("checksum mismatch in the frame at byte " + offset);
        }
        return payload;
    }

    /** The total size of the frame at {@code offset}, read from its length field. */
    static long frameBytesAt(FileChannel channel, long offset) throws IOException {
        return FRAME_OVERHEAD + read(channel, offset, 4).getInt();
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    static void write(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    private static int crc(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return (int) crc.getValue();
    }
}
