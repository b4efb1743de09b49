package io.coxswain.ledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.store.EventStore;
import io.coxswain.ledger.store.NewEvent;
import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerServers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walk split into ranges read at once on several connections finds what one connection finds: the same rows,
 * runs and first breaks, also where a break falls on the boundary between two ranges. Ranges are forced down to one
 * row each here; in use a range holds at least {@link ChainWalk#MIN_SEGMENT_ROWS} rows.
 */
@ExtendWith(LedgerInfrastructure.class)
class ChainWalkTest {
    /** The last one quoted and escaped as the walk writes its ranges' bounds into SQL. */
    private static final List<String> RUNS = List.of("walk-a", "walk-b", "walk-c", "walk-d", "walk-e",
            "walk-f 'q' \\ é");
    private static final int ROWS_PER_RUN = 40;

    private final Jdbi jdbi;

    ChainWalkTest(LedgerServers servers) {
        String url = servers.createDatabase("walk");
        Ledger.migrate(url);
        jdbi = Ledger.jdbi(url);
        for (int i = 1; i <= ROWS_PER_RUN; i++) {
            List<NewEvent> batch = new ArrayList<>();
            for (String run : RUNS) {
                batch.add(new NewEvent(run + "-" + i, run, "exp", "StepCompleted", (long) i, (long) i,
                        Instant.parse("2026-11-23T09:00:00Z").plusSeconds(i), "{\"loss\": " + (1.0 / i) + "}", null,
                        "coxswain.run-events", 0, i));
            }
            jdbi.useTransaction(h -> h.attach(EventStore.class).appendNew(batch));
        }
    }

    @Test
    void findsEveryRunIntactOnOneConnectionOrMany() {
        ChainReport expected = new ChainReport(RUNS.size(), (long) RUNS.size() * ROWS_PER_RUN, List.of());

        assertThat(walk(null, 1)).isEqualTo(expected);
        for (int connections = 2; connections <= 7; connections++) {
            assertThat(walk(null, connections)).as("%d connections", connections).isEqualTo(expected);
        }
        assertThat(walk("walk-c", 4)).isEqualTo(new ChainReport(1, ROWS_PER_RUN, List.of()));
        assertThat(walk(RUNS.get(5), 4)).isEqualTo(new ChainReport(1, ROWS_PER_RUN, List.of()));
    }

    @Test
    void findsTheSameFirstBreaksOnOneConnectionOrMany() {
        tamper("UPDATE events SET payload = '{\"loss\": 0}' WHERE run_id = 'walk-a' AND run_seq = 11");
        tamper("UPDATE events SET payload = '{\"loss\": 0}' WHERE run_id = 'walk-a' AND run_seq = 30");
        tamper("DELETE FROM events WHERE run_id = 'walk-b' AND run_seq = 1");
        tamper("DELETE FROM events WHERE run_id = 'walk-c' AND run_seq IN (20, 21)");
        tamper("UPDATE events SET prev_hash = sha256('x') WHERE run_id = 'walk-d' AND run_seq = 40");
        tamper("DELETE FROM events WHERE run_id = 'walk-e' AND run_seq = 40");

        List<ChainBreak> expected = List.of(
                breakAt("walk-a", 11, "altered"),
                breakAt("walk-b", 2, "link"),
                breakAt("walk-c", 22, "link"),
                breakAt("walk-d", 40, "altered"));
        ChainReport one = walk(null, 1);
        assertThat(one.breaks()).containsExactlyElementsOf(expected);
        assertThat(List.of(one.runs(), one.rows())).containsExactly(6L, 6L * ROWS_PER_RUN - 4);
        for (int connections = 2; connections <= 7; connections++) {
            assertThat(walk(null, connections)).as("%d connections", connections).isEqualTo(one);
        }
        // one run in 4 ranges of 10 positions: row 11 opens the second range, 22 follows the removed 20 and 21
        assertThat(walk("walk-a", 4).breaks()).containsExactly(expected.get(0));
        assertThat(walk("walk-c", 4).breaks()).containsExactly(expected.get(2));
        assertThat(walk("walk-e", 4)).as("a run's last rows removed leave no trace in it: it needs an outside anchor")
                .isEqualTo(new ChainReport(1, ROWS_PER_RUN - 1, List.of()));
    }

    private ChainReport walk(String runId, int connections) {
        return new ChainWalk(jdbi, connections, 1).verify(runId);
    }

    private ChainBreak breakAt(String run, long runSeq, String problem) {
        long id = jdbi.withHandle(h -> h.createQuery("SELECT id FROM events WHERE run_id = :run AND run_seq = :seq")
                .bind("run", run).bind("seq", runSeq).mapTo(Long.class).one());
        return new ChainBreak(run, runSeq, id, run + "-" + runSeq, problem);
    }

    /** SQL with triggers off, as a superuser could run it behind the ledger's back. */
    private void tamper(String sql) {
        jdbi.useHandle(h -> {
            h.execute("SET session_replication_role = replica");
            h.execute(sql);
            h.execute("SET session_replication_role = origin");
        });
    }
}
