package io.coxswain.ledger.store;

import io.coxswain.ledger.LedgerException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;

/**
 * The one definition of a row's hash in a run's chain, used when the ledger stores a row and when it verifies one:
 * <pre>
 * content_hash = SHA-256( UTF-8 text of the JSON array
 *                  [run_id, run_seq, event_id, experiment_id, type, seq, step, event_time, command_id, payload]
 *                followed by prev_hash (nothing for a run's first row) )
 * </pre>
 * printed as PostgreSQL prints {@code jsonb}: items separated by {@code ", "}, SQL NULL as {@code null}, text as a
 * JSON string escaping only {@code "}, {@code \} and control characters ({@link JsonbText}), {@code event_time} as
 * whole microseconds since 1970-01-01 UTC, and {@code payload} as {@code payload::text} prints it. It is the text of
 * {@code jsonb_build_array(...)::text} over those columns, the definition of the chains stored before the ledger
 * computed hashes itself, so those rows verify unchanged. Not thread-safe: one instance per thread.
 */
public final class ChainHash {
    public static final int LENGTH = 32;
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEPARATOR = {',', ' '};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha256;
    private byte[] text = new byte[512];
    private int length;

    public ChainHash() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new LedgerException("this Java runtime has no SHA-256, which the ledger's hash chains need", e);
        }
    }

    /** A row's hash from its stored values. */
    public byte[] of(String runId, long runSeq, String eventId, String experimentId, String type, Long seq, Long step,
                     Instant eventTime, String commandId, byte[] payloadText, byte[] prevHash) {
        return of(utf8(runId), runSeq, utf8(eventId), utf8(experimentId), utf8(type), seq, step, micros(eventTime),
                utf8(commandId), payloadText, prevHash);
    }

    /**
     * A row's hash, text columns given as their UTF-8 bytes (null for SQL NULL), {@code payloadText} as the UTF-8
     * of {@code payload::text}.
     */
    public byte[] of(byte[] runId, long runSeq, byte[] eventId, byte[] experimentId, byte[] type, Long seq, Long step,
                     long eventMicros, byte[] commandId, byte[] payloadText, byte[] prevHash) {
        length = 0;
        put((byte) '[');
        string(runId);
        put(SEPARATOR);
        number(runSeq);
        put(SEPARATOR);
        string(eventId);
        put(SEPARATOR);
        string(experimentId);
        put(SEPARATOR);
        string(type);
        put(SEPARATOR);
        number(seq);
        put(SEPARATOR);
        number(step);
        put(SEPARATOR);
        number(eventMicros);
        put(SEPARATOR);
        string(commandId);
        put(SEPARATOR);
        sha256.update(text, 0, length);
        sha256.update(payloadText);
        sha256.update((byte) ']');
        if (prevHash != null) {
            sha256.update(prevHash);
        }
        return sha256.digest();
    }

    /** Whole microseconds since 1970-01-01 UTC (the time as PostgreSQL's timestamptz holds it). */
    public static long micros(Instant time) {
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1000);
    }

    /** The bytes of a hash in lower-case hexadecimal, for messages. */
    public static String hex(byte[] hash) {
        if (hash == null) {
            return "none";
        }
        byte[] out = new byte[hash.length * 2];
        for (int i = 0; i < hash.length; i++) {
            out[2 * i] = HEX[(hash[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[hash[i] & 0xF];
        }
        return new String(out, StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string as jsonb prints it: escapes only bytes below 0x20, quote and backslash (never inside UTF-8). */
    private void string(byte[] utf8) {
        if (utf8 == null) {
            put(NULL);
            return;
        }
        put((byte) '"');
        for (byte b : utf8) {
            switch (b) {
                case '"' -> put2('\\', '"');
                case '\\' -> put2('\\', '\\');
                case '\b' -> put2('\\', 'b');
                case '\f' -> put2('\\', 'f');
                case '\n' -> put2('\\', 'n');
                case '\r' -> put2('\\', 'r');
                case '\t' -> put2('\\', 't');
                default -> {
                    if (b >= 0 && b < 0x20) {
                        put2('\\', 'u');
                        put2('0', '0');
                        put2(HEX[b >> 4], HEX[b & 0xF]);
                    } else {
                        put(b);
                    }
                }
            }
        }
        put((byte) '"');
    }

    private void number(Long value) {
        if (value == null) {
            put(NULL);
        } else {
            number(value.longValue());
        }
    }

    private void number(long value) {
        put(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    private void put2(int a, int b) {
        put((byte) a);
        put((byte) b);
    }

    private void put(byte b) {
        if (length == text.length) {
            text = Arrays.copyOf(text, text.length * 2);
        }
        text[length++] = b;
    }

    private void put(byte[] bytes) {
        if (length + bytes.length > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, length + bytes.length));
        }
        System.arraycopy(bytes, 0, text, length, bytes.length);
        length += bytes.length;
    }
}
