package io.coxswain.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The text form of jsonb computed by the ledger must be, byte for byte, what PostgreSQL prints for the same JSON once
 * stored: the hash of a row is computed from it before the row is stored and recomputed from {@code payload::text}
 * when the chain is verified.
 */
@ExtendWith(LedgerInfrastructure.class)
class JsonbTextTest {
    private static final long SEED = 20261123L;
    private static final int DOCUMENTS = 3_000;

    private final LedgerServers servers;

    JsonbTextTest(LedgerServers servers) {
        this.servers = servers;
    }

    @Test
    void printsJsonAsPostgresPrintsJsonb() {
        assertThat(text("{\"b\":1,\"aa\":2,\"a\":3,\"é\":1,\"z\":0}"))
                .isEqualTo("{\"a\": 3, \"b\": 1, \"z\": 0, \"aa\": 2, \"é\": 1}");
        assertThat(text("[1.0e1, -0.0, 1e0, -0, 1.50E1, 1E+2, 1e-5, 0.000]"))
                .isEqualTo("[10, 0.0, 1, 0, 15.0, 100, 0.00001, 0.000]");
        assertThat(text("\"\\u00e9\\t\\u0001\u007f\\u2028 \\/ \\\"q\\\" \\ud83d\\ude00\""))
                .isEqualTo("\"é\\t\\u0001\u007f\u2028 / \\\"q\\\" \uD83D\uDE00\"");
        assertThat(text("{\"a\":1,\"a\":2}")).isEqualTo("{\"a\": 2}");
        assertThat(text(" { } ")).isEqualTo("{}");
        assertThat(text("{\"loss\": NaN, \"up\": Infinity, \"down\": -Infinity}"))
                .isEqualTo("{\"up\": \"Infinity\", \"down\": \"-Infinity\", \"loss\": \"NaN\"}");
    }

    @Test
    void namesWhatPostgresCannotStore() {
        assertThatThrownBy(() -> text("{\"source\": {\"evidence\": [{\"note\": \"a\\u0000b\"}]}}"))
                .isInstanceOf(UnstorableJsonException.class)
                .hasMessage("field 'source.evidence[0].note' holds a NUL character, which PostgreSQL cannot store");
        assertThatThrownBy(() -> text("{\"detail\": \"x\\ud800y\"}"))
                .hasMessage("field 'detail' holds an unpaired surrogate U+D800, which PostgreSQL cannot store");
        assertThatThrownBy(() -> text("{\"loss\": 1e131072}"))
                .hasMessage("field 'loss' holds the number 1e131072, beyond what PostgreSQL's numeric holds");
        assertThatThrownBy(() -> text("{\"loss\": 1e-16384}"))
                .hasMessage("field 'loss' holds the number 1e-16384, beyond what PostgreSQL's numeric holds");
        assertThatThrownBy(() -> text("{\"a\": 1"))
                .hasMessageStartingWith("payload cannot be read again: ");
        assertThatThrownBy(() -> text("{} {}"))
                .hasMessage("payload cannot be read again: more than one JSON value");
    }

    @Test
    void agreesWithPostgresOnThousandsOfRandomDocuments() {
        Random random = new Random(SEED);
        List<String> documents = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            documents.add(new RandomJson(random).document());
        }
        List<String> printed = servers.jdbi().withHandle(h -> h.createQuery("""
                        SELECT CAST(CAST(d AS jsonb) AS text) FROM unnest(CAST(:documents AS text[])) WITH ORDINALITY
                                                                   AS t(d, n) ORDER BY n""")
                .bind("documents", documents.toArray(String[]::new)).mapTo(String.class).list());
        for (int i = 0; i < DOCUMENTS; i++) {
            assertThat(text(documents.get(i))).as("document %d (seed %d): %s", i, SEED, documents.get(i))
                    .isEqualTo(printed.get(i));
        }
    }

    private static String text(String json) {
        return JsonbText.of(json.getBytes(StandardCharsets.UTF_8));
    }
}
