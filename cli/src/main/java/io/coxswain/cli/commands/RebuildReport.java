package io.coxswain.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.ledger.projection.RebuildSummary;
import io.coxswain.protocol.codec.Json;
import java.util.Locale;

/** A rebuild's summary, for people (aligned lines) or for programs (one JSON object). */
final class RebuildReport {

    private RebuildReport() {
    }

    static String text(RebuildSummary summary) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "rebuilt the projections from %d event%s in %d chunk%s in %.2f s%n", summary.events(),
                summary.events() == 1 ? "" : "s", summary.chunks(), summary.chunks() == 1 ? "" : "s",
                seconds(summary)));
        text.append(String.format(Locale.ROOT, "%-18s %s%n", "PROJECTION", "ROWS"));
        summary.rows().forEach((projection, rows) ->
                text.append(String.format(Locale.ROOT, "%-18s %d%n", projection, rows)));
        return text.toString();
    }

    /** {@code {"events":N,"chunks":N,"seconds":S,"rows":{"runs":N,...}}}, projections in the order written. */
    static ObjectNode json(RebuildSummary summary) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("events", summary.events());
        json.put("chunks", summary.chunks());
        json.put("seconds", seconds(summary));
        ObjectNode rows = json.putObject("rows");
        summary.rows().forEach(rows::put);
        return json;
    }

    private static double seconds(RebuildSummary summary) {
        return summary.elapsed().toNanos() / 1e9;
    }
}
