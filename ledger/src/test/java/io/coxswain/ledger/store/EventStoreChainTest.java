package io.coxswain.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.query.ChainReport;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerServers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Appending to the chains: the hashes the ledger computes are the chain's definition (the one V2 computed in SQL,
 * recomputed here by PostgreSQL over the stored rows), the database refuses a row that does not extend its run's
 * chain, and two writers appending to the same runs at once neither fork a chain nor deadlock. Each test has a
 * database of its own.
 */
@ExtendWith(LedgerInfrastructure.class)
class EventStoreChainTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00.123456Z");
    /** The definition of a row's hash as V2 computed it in SQL. */
    private static final String V2_HASH = """
            sha256(convert_to(jsonb_build_array(run_id, run_seq, event_id, experiment_id, type, seq, step,
                       floor(extract(epoch FROM event_time) * 1000000)::bigint, command_id, payload)::text, 'UTF8')
                   || coalesce(prev_hash, ''::bytea))""";

    private final Jdbi jdbi;
    private final LedgerQueries queries;

    EventStoreChainTest(LedgerServers servers) {
        String url = servers.createDatabase("chain");
        Ledger.migrate(url);
        this.jdbi = Ledger.jdbi(url);
        this.queries = new LedgerQueries(jdbi);
    }

    @Test
    void hashesEveryRowAsPostgresComputesTheChainsDefinition() {
        Random random = new Random(5);
        List<NewEvent> rows = new ArrayList<>();
        List<String> runs = List.of("run \"quoted\" \\ é 中 \uD83D\uDE00", "run\ttab", "plain-run");
        for (int i = 0; i < 300; i++) {
            String run = runs.get(i % runs.size());
            String payload = JsonbText.of(new RandomJson(random).document().getBytes(StandardCharsets.UTF_8));
            rows.add(i % 7 == 0
                    ? new NewEvent("control:1:" + i, run, null, "ControlCommand", null, null, T0.plusSeconds(i),
                            payload, "cmd-" + i, "coxswain.control", 1, i)
                    : new NewEvent("e-" + i + "-\"é", run, i % 2 == 0 ? "exp \"x\"" : null, "StepCompleted",
                            (long) i, (long) -i, T0.minusSeconds(i * 86_400L * 400), payload, null,
                            "coxswain.run-events", 0, i));
        }
        for (int from = 0; from < rows.size(); from += 70) {
            List<NewEvent> batch = rows.subList(from, Math.min(rows.size(), from + 70));
            jdbi.useTransaction(h -> h.attach(EventStore.class).appendNew(batch));
        }

        long differing = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM events WHERE content_hash <> "
                + V2_HASH).mapTo(Long.class).one());
        assertThat(differing).as("rows whose stored hash is not the definition's").isZero();
        ChainReport report = queries.verifyChains(null);
        assertThat(report.intact()).isTrue();
        assertThat(List.of(report.runs(), report.rows())).containsExactly(3L, 300L);
    }

    @Test
    void storesARepeatedIdOnceWhetherStoredBeforeOrRepeatedInTheBatch() {
        NewEvent first = event("repeat", 1);
        NewEvent second = event("repeat", 2);

        List<String> stored = jdbi.inTransaction(h -> h.attach(EventStore.class).appendNew(List.of(first, first)));
        List<String> again = jdbi.inTransaction(h -> h.attach(EventStore.class).appendNew(List.of(first, second)));

        assertThat(stored).containsExactly(first.eventId());
        assertThat(again).containsExactly(second.eventId());
        List<String> positions = jdbi.withHandle(h -> h.createQuery(
                "SELECT event_id || '@' || run_seq FROM events ORDER BY run_seq").mapTo(String.class).list());
        assertThat(positions).containsExactly(first.eventId() + "@1", second.eventId() + "@2");
    }

    @Test
    void theDatabaseRefusesARowThatDoesNotExtendItsRunsChain() {
        jdbi.useTransaction(h -> h.attach(EventStore.class).appendNew(List.of(event("guarded", 1),
                event("guarded", 2))));
        String head = "(SELECT content_hash FROM events WHERE run_id = 'guarded' AND run_seq = 2)";

        assertThatThrownBy(() -> insert("fork", 2, head)).hasMessageContaining("events_run_seq_idx");
        assertThatThrownBy(() -> insert("skip", 4, head))
                .hasMessageContaining("row 4 of run guarded (event skip) does not extend the run's hash chain");
        assertThatThrownBy(() -> insert("wrong-link", 3, "sha256('x')"))
                .hasMessageContaining("row 3 of run guarded (event wrong-link) does not extend the run's hash chain");
        assertThatThrownBy(() -> insert("second-start", 1, head)).hasMessageContaining("events_first_row_has_no_prev");
        assertThatThrownBy(() -> insert("short-hash", 3, "'\\x00'::bytea"))
                .hasMessageContaining("events_hashes_are_sha256");
        insert("extends", 3, head);
        long last = jdbi.withHandle(h -> h.createQuery("SELECT max(run_seq) FROM events WHERE run_id = 'guarded'")
                .mapTo(Long.class).one());
        assertThat(last).isEqualTo(3);
    }

    @Test
    void twoWritersAppendingToTheSameRunsAtOnceNeitherForkNorDeadlock() throws Exception {
        List<String> runs = List.of("shared-a", "shared-b", "shared-c", "shared-d");
        CountDownLatch go = new CountDownLatch(1);
        // one writer has the runs' events, the other their commands, as two ledger instances reading different topics
        CompletableFuture<Void> events = CompletableFuture.runAsync(() -> write(go, runs, "event", false));
        CompletableFuture<Void> commands = CompletableFuture.runAsync(() -> write(go, runs, "command", true));
        go.countDown();
        CompletableFuture.allOf(events, commands).get(120, TimeUnit.SECONDS);

        ChainReport report = queries.verifyChains(null);
        assertThat(report.intact()).as("breaks: %s", report.breaks()).isTrue();
        assertThat(List.of(report.runs(), report.rows())).containsExactly(4L, 4L * 2 * 60);
        long misnumbered = jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM (SELECT run_id, count(*) AS n, max(run_seq) AS last, min(run_seq) AS first
                                                FROM events GROUP BY run_id) r
                         WHERE n <> 120 OR first <> 1 OR last <> 120""").mapTo(Long.class).one());
        assertThat(misnumbered).as("runs whose positions are not exactly 1..120").isZero();
    }

    /** 60 batches of one row per run, runs in a different order each time, written while the other writer writes. */
    private void write(CountDownLatch go, List<String> runs, String kind, boolean reversed) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < 60; i++) {
            List<NewEvent> batch = new ArrayList<>();
            for (int r = 0; r < runs.size(); r++) {
                String run = runs.get(reversed ? runs.size() - 1 - r : r);
                batch.add(new NewEvent(kind + "-" + run + "-" + i, run, null, kind, (long) i, (long) i,
                        T0.plusSeconds(i), "{\"i\": " + i + "}", null, kind, 0, i));
            }
            jdbi.useTransaction(h -> h.attach(EventStore.class).appendNew(batch));
        }
    }

    private void insert(String eventId, long runSeq, String prevHash) {
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO events (event_id, run_id, type, event_time, payload, source_topic, source_partition,
                                    source_offset, run_seq, prev_hash, content_hash)
                VALUES ('%s', 'guarded', 'StepCompleted', now(), '{}', 't', 0, 0, %d, %s, sha256('%s'))"""
                .formatted(eventId, runSeq, runSeq == 1 && !eventId.equals("second-start") ? "NULL" : prevHash,
                        eventId)));
    }

    private static NewEvent event(String run, long i) {
        return new NewEvent(run + "-" + i, run, "exp", "StepCompleted", i, i, T0.plusSeconds(i), "{\"step\": " + i + "}",
                null, "coxswain.run-events", 0, i);
    }
}
