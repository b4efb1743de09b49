package io.coxswain.web;

import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.savings.SavingsQueries;
import io.coxswain.ledger.savings.SavingsReport;
import io.coxswain.ledger.savings.SavingsSettings;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/savings[?experiment=X]} and {@code GET /api/runs/{id}/savings}: what interventions saved, counted
 * from the ledger's events with the TrAC baseline checkpoint policy. An unknown run or experiment is a 404 with close
 * matches.
 */
final class SavingsApi {
    private final LedgerQueries ledger;
    private final SavingsQueries savings;

    SavingsApi(LedgerQueries ledger, SavingsQueries savings) {
        this.ledger = ledger;
        this.savings = savings;
    }

    void register(Javalin app) {
        app.get("/api/savings", this::all);
        app.get("/api/runs/{id}/savings", this::ofRun);
    }

    private void all(Context ctx) {
        String experiment = ctx.queryParam("experiment");
        List<String> runIds = experiment == null ? savings.runIds() : savings.runIdsOfExperiment(experiment);
        if (experiment != null && runIds.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "no experiment '" + experiment + "' in the ledger",
                    "similar", savings.similarExperimentIds(experiment, UnknownRun.SUGGESTIONS)));
            return;
        }
        ctx.json(report(runIds));
    }

    private void ofRun(Context ctx) {
        String id = ctx.pathParam("id");
        if (ledger.run(id).isEmpty()) {
            UnknownRun.answer(ctx, ledger, id);
            return;
        }
        ctx.json(report(List.of(id)));
    }

    private SavingsView report(List<String> runIds) {
        return SavingsView.from(SavingsReport.of(savings.items(runIds, SavingsSettings.defaults())));
    }
}
