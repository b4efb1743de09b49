package io.coxswain.ledger.ingest;

import java.time.Instant;

/**
 * What PostgreSQL refuses although the codecs accept it, and is not about the JSON itself (for that, see
 * {@link io.coxswain.ledger.store.JsonbText}): times outside the years 1 to 9999. A record with one is quarantined, so
 * one bad record can never block its partition.
 */
final class StorableJson {
    private static final char NUL = '\u0000';
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private StorableJson() {
    }

    /** @return why PostgreSQL cannot store the time, or null when it can */
    static String timeProblem(Instant time) {
        return time.isBefore(EARLIEST) || time.isAfter(LATEST) ? "time " + time + " is outside the years 1 to 9999"
                : null;
    }

    /** Text safe for a PostgreSQL text column: NUL characters become U+FFFD. */
    static String clean(String text) {
        return text == null ? null : text.replace(NUL, '\uFFFD');
    }
}
