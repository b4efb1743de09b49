package io.coxswain.web.security;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Installs {@link WriteGuard} as a before-handler on {@code /api/*}: a refused write is answered with JSON. */
public final class WriteGuardHandler {
    private WriteGuardHandler() {
    }

    public static void install(Javalin app, WriteGuard guard) {
        app.before("/api/*", ctx -> guard.check(ctx.method().name(), ctx.header(WriteGuard.TOKEN_HEADER),
                        ctx.header("Origin"), ownOrigins(ctx), ctx.header("Content-Type"))
                .ifPresent(refusal -> {
                    ctx.status(refusal.status()).json(Map.of("error", refusal.error()));
                    ctx.skipRemainingHandlers();
                }));
    }

    /** The origins the request could legitimately come from: this server as the client addressed it. */
    static Set<String> ownOrigins(Context ctx) {
        String host = ctx.header("Host");
        if (host == null) {
            return Set.of();
        }
        String h = host.toLowerCase(Locale.ROOT);
        return Set.of("http://" + h, "https://" + h);
    }
}
