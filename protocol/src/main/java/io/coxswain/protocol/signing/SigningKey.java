package io.coxswain.protocol.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The secret shared by the senders of commands and the agents that check them: raw bytes, at least
 * {@value #MIN_BYTES} of them. Read from a file whose trailing line breaks are dropped, as the shell's
 * {@code "$(cat FILE)"} does, so {@code openssl dgst -hmac "$(cat FILE)"} signs with the same key. Its
 * {@link #toString()} never shows the bytes.
 */
public final class SigningKey {
    public static final int MIN_BYTES = 16;

    private final byte[] bytes;
    private final String origin;

    private SigningKey(byte[] bytes, String origin) {
        if (bytes.length < MIN_BYTES) {
            throw new InvalidSigningKeyException("the signing key " + origin + " is " + bytes.length
                    + " bytes; at least " + MIN_BYTES + " are needed (make one with `openssl rand -hex 32 > FILE`)");
        }
        this.bytes = bytes;
        this.origin = origin;
    }

    public static SigningKey of(byte[] bytes) {
        return new SigningKey(bytes.clone(), "given in code");
    }

    /** Reads a key file; {@link InvalidSigningKeyException} names the file and what is wrong with it. */
    public static SigningKey read(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidSigningKeyException("the signing key file " + file + " is a directory");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidSigningKeyException("the signing key file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new InvalidSigningKeyException("cannot read the signing key file " + file + ": " + e, e);
        }
        return new SigningKey(withoutTrailingLineBreaks(content), "in " + file);
    }

    private static byte[] withoutTrailingLineBreaks(byte[] content) {
        int end = content.length;
        while (end > 0 && (content[end - 1] == '\n' || content[end - 1] == '\r')) {
            end--;
        }
        return Arrays.copyOf(content, end);
    }

    /** A copy of the key's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Where the key came from, for messages: {@code in /path/to/file}. */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "SigningKey[" + origin + ", " + bytes.length + " bytes]";
    }
}
