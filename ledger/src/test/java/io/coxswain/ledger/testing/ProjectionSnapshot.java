package io.coxswain.ledger.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Every row of every projection, each as its JSON text without the wall-clock columns ({@code runs.updated_at}, {@code savings.computed_at}),
 * sorted: two snapshots are equal when the projections hold the same rows.
 *
 * @param rows per projection, its rows
 */
public record ProjectionSnapshot(Map<String, List<String>> rows) {
    public static final List<String> PROJECTIONS = List.of("runs", "parameter_changes", "commands", "interventions",
            "checkpoints", "rule_set_loads", "savings");

    public static ProjectionSnapshot of(Jdbi jdbi) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        jdbi.useHandle(h -> {
            for (String projection : PROJECTIONS) {
                rows.put(projection, h.createQuery("SELECT (to_jsonb(p) - 'updated_at' - 'computed_at')::text AS r FROM " + projection
                        + " p ORDER BY r").mapTo(String.class).list());
            }
        });
        return new ProjectionSnapshot(rows);
    }

    /** Rows per projection. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.forEach((projection, list) -> counts.put(projection, (long) list.size()));
        return counts;
    }

    /** The rows of one projection that mention {@code text} (e.g. a run id). */
    public List<String> rowsMentioning(String projection, String text) {
        return rows.get(projection).stream().filter(r -> r.contains(text)).toList();
    }
}
