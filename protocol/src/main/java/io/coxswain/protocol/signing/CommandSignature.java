package io.coxswain.protocol.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The optional signature of a control command: header {@value #HEADER} with value
 * {@code hmac-sha256=<lowercase hex>}, the HMAC-SHA256 of the record value's bytes exactly as published. Signing
 * the bytes, not a canonical form of the JSON, lets any client sign with standard tools (see protocol/README.md).
 */
public final class CommandSignature {
    public static final String HEADER = "coxswain-signature";
    public static final String SCHEME = "hmac-sha256";
    private static final String PREFIX = SCHEME + "=";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int HEX_DIGITS = 64;
    private static final int QUOTED = 80;
    private static final HexFormat HEX = HexFormat.of();

    private CommandSignature() {
    }

    /** The header value that signs {@code value}: {@code hmac-sha256=} and 64 lowercase hex digits. */
    public static String sign(SigningKey key, byte[] value) {
        return PREFIX + HEX.formatHex(mac(key, value));
    }

    /** The whole header, ready to add to a {@code ProducerRecord}'s headers. */
    public static Header header(SigningKey key, byte[] value) {
        return new RecordHeader(HEADER, sign(key, value).getBytes(StandardCharsets.US_ASCII));
    }

    /** Checks the {@value #HEADER} headers of a record: none is {@code Missing}, more than one is malformed. */
    public static SignatureCheck verify(SigningKey key, byte[] value, Headers headers) {
        List<Header> found = StreamSupport.stream(headers.headers(HEADER).spliterator(), false).toList();
        if (found.isEmpty()) {
            return new SignatureCheck.Missing();
        }
        if (found.size() > 1) {
            return new SignatureCheck.Malformed(found.size() + " " + HEADER + " headers; a command carries one");
        }
        byte[] headerValue = found.get(0).value();
        if (headerValue == null) {
            return new SignatureCheck.Malformed("the header has no value");
        }
        return verify(key, value, new String(headerValue, StandardCharsets.UTF_8));
    }

    /**
     * Checks one header value ({@code null}: no header) against the value's bytes, in constant time. Hex digits
     * are read in either case; {@link #sign} writes lowercase.
     */
    public static SignatureCheck verify(SigningKey key, byte[] value, String headerValue) {
        if (headerValue == null) {
            return new SignatureCheck.Missing();
        }
        if (!headerValue.startsWith(PREFIX)) {
            return new SignatureCheck.Malformed("expected " + PREFIX + "<" + HEX_DIGITS + " hex digits>, got "
                    + quote(headerValue));
        }
        String hex = headerValue.substring(PREFIX.length());
        if (hex.length() != HEX_DIGITS) {
            return new SignatureCheck.Malformed("expected " + HEX_DIGITS + " hex digits after " + PREFIX + ", got "
                    + hex.length() + " characters");
        }
        byte[] given;
        try {
            given = HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            return new SignatureCheck.Malformed(quote(hex) + " is not hexadecimal");
        }
        return MessageDigest.isEqual(mac(key, value), given)
                ? new SignatureCheck.Valid()
                : new SignatureCheck.Mismatch();
    }

    private static byte[] mac(SigningKey key, byte[] value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.bytes(), ALGORITHM));
            return mac.doFinal(value == null ? new byte[0] : value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required of every Java runtime: " + e, e);
        }
    }

    private static String quote(String text) {
        return "'" + (text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "...") + "'";
    }
}
