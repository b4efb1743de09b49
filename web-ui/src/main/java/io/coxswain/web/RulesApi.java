package io.coxswain.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.ledger.query.ProjectionReads;
import io.coxswain.ledger.query.RuleSetLoadRow;
import io.coxswain.protocol.CoxswainException;
import io.coxswain.protocol.codec.Json;
import io.coxswain.streams.engine.RuleSet;
import io.coxswain.streams.rules.trac.RuleSetLoadException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code GET /api/rules}: the rule sets the ledger saw published (running version, controllers, firing counts) and
 * the latest rule problems; {@code POST /api/rules} with {@code {"name": ..., "yaml": ...}}: checks the rule set
 * (422 with the loader's controller, field, line and column when it does not load), then publishes it (202).
 */
final class RulesApi {
    static final int PROBLEMS = 50;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final ProjectionReads projections;
    private final RulesPublisher publisher;

    RulesApi(ProjectionReads projections, RulesPublisher publisher) {
        this.projections = projections;
        this.publisher = publisher;
    }

    void register(Javalin app) {
        app.get("/api/rules", this::list);
        app.post("/api/rules", this::upload);
    }

    /** The rule sets and, newest first, up to {@value #PROBLEMS} failures, skips and rejections. */
    record RulesView(List<RuleSetView> ruleSets, List<RuleProblemView> problems) {
    }

    private void list(Context ctx) {
        List<RuleSetLoadRow> loads = projections.allRuleSetLoads();
        List<RuleProblemView> problems = Stream.concat(
                        projections.recentRuleProblems(PROBLEMS).stream().map(RuleProblemView::from),
                        loads.stream().filter(l -> "rejected".equals(l.outcome())).map(RuleProblemView::from))
                .sorted(Comparator.comparing(RuleProblemView::time, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(PROBLEMS).toList();
        ctx.json(new RulesView(RuleSetView.of(loads, projections.firingCounts()), problems));
    }

    private void upload(Context ctx) {
        JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.body());
        } catch (JsonProcessingException e) {
            bad(ctx, "the body must be a JSON object {\"name\": ..., \"yaml\": ...}: " + e.getOriginalMessage());
            return;
        }
        String name = body != null && body.path("name").isTextual() ? body.get("name").asText() : null;
        String yaml = body != null && body.path("yaml").isTextual() ? body.get("yaml").asText() : null;
        if (name == null || !NAME.matcher(name).matches()) {
            bad(ctx, "name must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"
                    + (name == null ? "" : ", got '" + name + "'"));
            return;
        }
        if (yaml == null || yaml.isBlank()) {
            bad(ctx, "yaml must hold the rule set's text");
            return;
        }
        RuleSet set;
        try {
            set = RuleSet.load(name, yaml);
        } catch (RuleSetLoadException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", e.getMessage());
            error.put("subject", e.subject());
            error.put("field", e.field());
            error.put("line", e.line());
            error.put("column", e.column());
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT).json(error);
            return;
        } catch (CoxswainException | IllegalArgumentException e) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT).json(Map.of("error", String.valueOf(e.getMessage())));
            return;
        }
        try {
            publisher.publish(set.name(), yaml);
        } catch (RulesUnavailableException e) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("error", e.getMessage()));
            return;
        }
        ctx.status(HttpStatus.ACCEPTED).json(Map.of("name", set.name(), "version", set.version(),
                "controllers", set.rules().controllers().stream().map(c -> c.name()).toList()));
    }

    private static void bad(Context ctx, String message) {
        ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", message));
    }
}
