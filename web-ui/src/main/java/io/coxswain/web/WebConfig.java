package io.coxswain.web;

import io.coxswain.protocol.CoxswainException;

/**
 * Where the web UI listens, and the token every write must carry.
 *
 * @param host  interface to bind (127.0.0.1 by default: the embedded stack is local)
 * @param port  TCP port, 0 picks a free one
 * @param token the value writes must send in {@code X-Coxswain-Token}; null or blank: every write is refused
 */
public record WebConfig(String host, int port, String token) {
    public static final int DEFAULT_PORT = 7070;

    public WebConfig {
        if (host == null || host.isBlank()) {
            throw new CoxswainException("web host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new CoxswainException("web port must be between 0 and 65535, got " + port);
        }
        token = token == null || token.isBlank() ? null : token;
    }

    /** A read-only web UI: no token, so every write is refused. */
    public WebConfig(String host, int port) {
        this(host, port, null);
    }

    public boolean writesEnabled() {
        return token != null;
    }
}
