package io.coxswain.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.ledger.query.EventRow;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.query.ParameterChangeRow;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Triggers;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/runs/{id}/parameters/declared}: what the run's control panel offers. The live parameters its latest
 * RunStarted declared, with type, bounds and description, each with its current value (the latest applied change, or
 * the declared value), and the triggers agents accept. An unknown run is a 404.
 */
final class DeclaredParametersApi {
    private final LedgerQueries ledger;

    DeclaredParametersApi(LedgerQueries ledger) {
        this.ledger = ledger;
    }

    void register(Javalin app) {
        app.get("/api/runs/{id}/parameters/declared", this::declared);
    }

    private void declared(Context ctx) {
        String runId = ctx.pathParam("id");
        if (ledger.run(runId).isEmpty() && ledger.eventCount(runId) == 0) {
            UnknownRun.answer(ctx, ledger, runId);
            return;
        }
        JsonNode start = null;
        for (EventRow row : ledger.auditTimeline(runId)) {
            if ("RunStarted".equals(row.type())) {
                start = row.payload();
            }
        }
        ctx.json(Map.of("parameters", current(start, ledger.parameterChanges(runId)), "triggers", Triggers.ALL));
    }

    /** The declared parameters with each one's value after the changes (pure). */
    static List<JsonNode> current(JsonNode start, List<ParameterChangeRow> changes) {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        for (ParameterChangeRow change : changes) {
            latest.put(change.param(), change.newValue());
        }
        List<JsonNode> parameters = new ArrayList<>();
        if (start == null || !start.path("parameters").isArray()) {
            return parameters;
        }
        for (JsonNode declared : start.get("parameters")) {
            ObjectNode p = declared.deepCopy();
            JsonNode value = latest.get(p.path("name").asText());
            if (value != null) {
                p.set("value", value);
            }
            parameters.add(p);
        }
        return parameters;
    }
}
