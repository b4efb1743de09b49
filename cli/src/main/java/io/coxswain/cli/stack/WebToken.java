package io.coxswain.cli.stack;

import java.security.SecureRandom;
import java.util.HexFormat;

/** The web UI's write token: 32 random bytes from {@link SecureRandom}, as 64 hex digits. */
public final class WebToken {
    public static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebToken() {
    }

    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
