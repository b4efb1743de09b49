package io.coxswain.ledger.projection;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link ProjectionRebuild} did.
 *
 * @param events  rows of {@code events} replayed
 * @param chunks  chunks they were replayed in
 * @param rows    rows per projection afterwards, in the order the projections are written ({@code interventions},
 *                the view over {@code commands}, after {@code commands})
 * @param elapsed from the start of the transaction to its commit
 */
public record RebuildSummary(long events, long chunks, Map<String, Long> rows, Duration elapsed) {

    public RebuildSummary {
        rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }
}
