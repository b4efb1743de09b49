package io.coxswain.web;

import io.coxswain.ledger.query.LedgerQueries;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/** {@code GET /api/runs} and {@code GET /api/runs/{id}}. */
final class RunsApi {
    private final LedgerQueries ledger;

    RunsApi(LedgerQueries ledger) {
        this.ledger = ledger;
    }

    void register(Javalin app) {
        app.get("/api/runs", this::list);
        app.get("/api/runs/{id}", this::one);
    }

    private void list(Context ctx) {
        ctx.json(ledger.runs().stream().map(RunView::from).toList());
    }

    private void one(Context ctx) {
        String id = ctx.pathParam("id");
        ledger.run(id).ifPresentOrElse(run -> ctx.json(RunView.from(run)),
                () -> ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no run '" + id + "' in the ledger",
                        "similar", ledger.similarRunIds(id, 5))));
    }
}
