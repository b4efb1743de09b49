package io.coxswain.web;

import io.coxswain.ledger.query.LedgerQueries;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * {@code GET /api/runs[?experiment=X][&tag=T][&limit=N]} (newest first, 500 by default, at most 5000; a filter that
 * matches nothing gives an empty list) and {@code GET /api/runs/{id}}.
 */
final class RunsApi {
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;

    private final LedgerQueries ledger;

    RunsApi(LedgerQueries ledger) {
        this.ledger = ledger;
    }

    void register(Javalin app) {
        app.get("/api/runs", this::list);
        app.get("/api/runs/{id}", this::one);
    }

    private void list(Context ctx) {
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", "limit must be between 1 and " + MAX_LIMIT
                    + ", got " + limit));
            return;
        }
        ctx.json(ledger.overviews(filter(ctx, "experiment"), filter(ctx, "tag"), limit).stream()
                .map(RunView::from).toList());
    }

    /** A query parameter's value, null when absent or blank (no filter). */
    private static String filter(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value;
    }

    private void one(Context ctx) {
        String id = ctx.pathParam("id");
        ledger.overview(id).ifPresentOrElse(run -> ctx.json(RunView.from(run)),
                () -> UnknownRun.answer(ctx, ledger, id));
    }
}
