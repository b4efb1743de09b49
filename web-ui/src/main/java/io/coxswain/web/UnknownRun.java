package io.coxswain.web;

import io.coxswain.ledger.query.LedgerQueries;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/** The one answer to a run id the ledger does not know: 404, naming it, with close matches. */
final class UnknownRun {
    static final int SUGGESTIONS = 5;

    private UnknownRun() {
    }

    static void answer(Context ctx, LedgerQueries ledger, String id) {
        ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no run '" + id + "' in the ledger",
                "similar", ledger.similarRunIds(id, SUGGESTIONS)));
    }
}
