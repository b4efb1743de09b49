package io.coxswain.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.ledger.query.FiringCount;
import io.coxswain.ledger.query.RuleSetLoadRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rule set as the rules page shows it, folded from its loads, rejections and removals (oldest first).
 *
 * @param running        whether a version of it runs now (a rejected upload leaves the previous version running)
 * @param latestOutcome  {@code loaded}, {@code rejected} or {@code removed}: what its latest publication came to
 * @param version        the running version (SHA-256 of its text), null when none runs
 * @param controllers    the running version's controllers with their firing counts, then any other controller
 *                       that fired under this set's name
 * @param scope          the runs the running version applies to
 * @param lastError      the rejection's error when the latest publication was rejected, else null
 */
public record RuleSetView(String name, boolean running, String latestOutcome, String version,
                          List<ControllerView> controllers, JsonNode scope, Instant changedAt, String lastError) {

    /** A controller and the commands it sent: all of them, applied, rejected and still pending. */
    public record ControllerView(String name, long fired, long applied, long rejected, long pending) {
    }

    /** The views of every rule set in {@code loads} (oldest first), by name. */
    public static List<RuleSetView> of(List<RuleSetLoadRow> loads, List<FiringCount> firings) {
        Map<String, List<RuleSetLoadRow>> byName = new LinkedHashMap<>();
        for (RuleSetLoadRow row : loads) {
            byName.computeIfAbsent(row.ruleSet(), k -> new ArrayList<>()).add(row);
        }
        return byName.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> of(e.getKey(), e.getValue(), firings)).toList();
    }

    static RuleSetView of(String name, List<RuleSetLoadRow> history, List<FiringCount> firings) {
        RuleSetLoadRow running = null;
        for (RuleSetLoadRow row : history) {
            if ("loaded".equals(row.outcome())) {
                running = row;
            } else if ("removed".equals(row.outcome())) {
                running = null;
            }
        }
        RuleSetLoadRow latest = history.get(history.size() - 1);
        Map<String, ControllerView> controllers = new LinkedHashMap<>();
        if (running != null && running.controllers() != null) {
            running.controllers().forEach(c -> controllers.put(c.asText(), new ControllerView(c.asText(), 0, 0, 0, 0)));
        }
        for (FiringCount f : firings) {
            if (name.equals(f.ruleSet())) {
                controllers.put(f.controller(), new ControllerView(f.controller(), f.fired(), f.applied(),
                        f.rejected(), f.pending()));
            }
        }
        return new RuleSetView(name, running != null, latest.outcome(), running == null ? null : running.version(),
                List.copyOf(controllers.values()), running == null ? null : running.scope(), latest.at(),
                "rejected".equals(latest.outcome()) ? latest.error() : null);
    }
}
