package io.coxswain.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a request to {@code /api/*} may go on. Reads (GET, HEAD, OPTIONS) always may. A write must carry
 * the configured token in {@value #TOKEN_HEADER} (compared in constant time), come from the server's own origin when
 * the browser names one (a cross-site form or script is refused; it cannot set the header anyway), and send JSON.
 * Pure: the HTTP adapter is {@link WriteGuardHandler}.
 */
public final class WriteGuard {
    public static final String TOKEN_HEADER = "X-Coxswain-Token";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final byte[] token;

    /** @param token the configured token; null: every write is refused */
    public WriteGuard(String token) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** A refused request: the HTTP status and the message to answer with. */
    public record Refusal(int status, String error) {
    }

    /**
     * @param method       the HTTP method
     * @param sentToken    the {@value #TOKEN_HEADER} header, or null
     * @param origin       the {@code Origin} header, or null
     * @param ownOrigins   the origins this server answers as (scheme://host:port, as the browser writes them)
     * @param contentType  the {@code Content-Type} header, or null
     */
    public Optional<Refusal> check(String method, String sentToken, String origin, Set<String> ownOrigins,
                                   String contentType) {
        if (READS.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (token == null) {
            return refuse(403, "writes are disabled: no token is configured");
        }
        if (sentToken == null || sentToken.isBlank()) {
            return refuse(401, "this write needs the web token in the " + TOKEN_HEADER
                    + " header (paste the token that `cox up` printed into the token field)");
        }
        if (!MessageDigest.isEqual(token, sentToken.getBytes(StandardCharsets.UTF_8))) {
            return refuse(403, "the web token is wrong");
        }
        if (origin != null && !ownOrigins.contains(origin.toLowerCase(Locale.ROOT))) {
            return refuse(403, "cross-origin write refused: origin " + origin + " is not this server's");
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).trim().startsWith("application/json")) {
            return refuse(415, "writes take a JSON body (Content-Type: application/json), got "
                    + (contentType == null ? "no Content-Type" : contentType));
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(int status, String error) {
        return Optional.of(new Refusal(status, error));
    }
}
