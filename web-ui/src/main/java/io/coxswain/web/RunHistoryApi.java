package io.coxswain.web;

import io.coxswain.ledger.query.LedgerQueries;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * What the ledger remembers of a run, for the run and audit pages:
 * <ul>
 *   <li>{@code GET /api/runs/{id}/timeline}: every command, answer, change, trigger and report, in stored order;</li>
 *   <li>{@code GET /api/runs/{id}/parameters}: the applied parameter changes with who, what and why;</li>
 *   <li>{@code GET /api/runs/{id}/state?step=N}: configuration and live parameters at the end of step N;</li>
 *   <li>{@code GET /api/runs/{id}/chain} and {@code GET /api/chain}: the hash-chain verification.</li>
 * </ul>
 * An unknown run is a 404 naming close matches; a bad step a 400 naming the value.
 */
final class RunHistoryApi {
    private final LedgerQueries ledger;

    RunHistoryApi(LedgerQueries ledger) {
        this.ledger = ledger;
    }

    void register(Javalin app) {
        app.get("/api/runs/{id}/timeline", this::timeline);
        app.get("/api/runs/{id}/parameters", this::parameters);
        app.get("/api/runs/{id}/state", this::state);
        app.get("/api/runs/{id}/chain", this::runChain);
        app.get("/api/chain", ctx -> ctx.json(ChainView.from(ledger.verifyChains(null))));
    }

    private void timeline(Context ctx) {
        String id = knownRun(ctx);
        if (id != null) {
            ctx.json(ledger.auditTimeline(id).stream().map(TimelineEntryView::from).toList());
        }
    }

    private void parameters(Context ctx) {
        String id = knownRun(ctx);
        if (id != null) {
            ctx.json(ledger.parameterChanges(id).stream().map(ParameterChangeView::from).toList());
        }
    }

    private void state(Context ctx) {
        String id = knownRun(ctx);
        if (id == null) {
            return;
        }
        String text = ctx.queryParam("step");
        long step;
        try {
            step = Long.parseLong(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error",
                    "step must be a whole number of steps, got " + (text == null ? "nothing" : "'" + text + "'")));
            return;
        }
        if (step < 0) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", "step must be 0 or more, got " + step));
            return;
        }
        ledger.stateAt(id, step).ifPresentOrElse(s -> ctx.json(StateView.from(s)),
                () -> ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error",
                        "run '" + id + "' has no start in the ledger to rebuild step " + step + " from")));
    }

    private void runChain(Context ctx) {
        String id = knownRun(ctx);
        if (id != null) {
            ctx.json(ChainView.from(ledger.verifyChains(id)));
        }
    }

    /** The path's run id when the ledger knows it; otherwise answers 404 with close matches and returns null. */
    private String knownRun(Context ctx) {
        String id = ctx.pathParam("id");
        if (ledger.eventCount(id) > 0 || ledger.run(id).isPresent()) {
            return id;
        }
        UnknownRun.answer(ctx, ledger, id);
        return null;
    }
}
