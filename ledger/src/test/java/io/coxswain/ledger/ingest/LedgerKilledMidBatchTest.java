package io.coxswain.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.query.ChainReport;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.store.StoredOffset;
import io.coxswain.ledger.testing.Fleet;
import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerProcess;
import io.coxswain.ledger.testing.LedgerServers;
import io.coxswain.ledger.testing.TestProducer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A ledger in a JVM of its own is killed (SIGKILL) while a batch's rows are inserted and not yet committed: the
 * database rolls that transaction back (rows and offsets together), the restarted ledger reads again from the stored
 * offsets, and in the end every event and command sent is stored exactly once, every chain intact. Three kills, each
 * timed by PostgreSQL itself: the moment the ledger's connection holds a transaction that has written.
 */
@ExtendWith(LedgerInfrastructure.class)
class LedgerKilledMidBatchTest {
    private static final int KILLS = 3;
    private static final int BATCH = 2_000;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final LedgerServers servers;

    @TempDir
    Path dir;

    LedgerKilledMidBatchTest(LedgerServers servers) {
        this.servers = servers;
    }

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void aLedgerKilledBetweenInsertAndCommitLosesNothingAndStoresNothingTwice() throws Exception {
        String url = servers.createDatabase("killed");
        Ledger.migrate(url);
        Jdbi jdbi = Ledger.jdbi(url);
        String group = "killed-" + UUID.randomUUID();
        Map<String, String> env = LedgerProcess.environment(servers.bootstrap(), url, group, BATCH);
        Fleet fleet = new Fleet(12, 50);
        List<String> killedTransactions = new ArrayList<>();
        try (TestProducer producer = new TestProducer(servers.bootstrap())) {
            for (int kill = 1; kill <= KILLS; kill++) {
                fleet.publish(producer, 600);  // 12 runs x 600 steps: several batches for this instance to write
                try (LedgerProcess ledger = LedgerProcess.start(env, dir.resolve("ledger.out"))) {
                    String xid = awaitOpenWrite(jdbi, ledger);
                    ledger.kill();
                    killedTransactions.add(xid + " " + awaitEnd(jdbi, xid));
                }
            }
            try (LedgerProcess ledger = LedgerProcess.start(env, dir.resolve("ledger.out"))) {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    assertThat(ledger.isAlive()).as("the last ledger is running").isTrue();
                    assertThat(storedOffsets(jdbi, group)).isEqualTo(servers.endOffsets());
                });
            }
        }

        LoggerFactory.getLogger(LedgerKilledMidBatchTest.class).info("transactions open at each kill: {}",
                killedTransactions);
        assertThat(killedTransactions).as("the transactions open at each kill, and how they ended")
                .hasSize(KILLS).anyMatch(t -> t.endsWith(" aborted"));
        assertThat(fleet.notStoredExactlyOnce(jdbi)).as("of %d sent", fleet.sent()).isEmpty();
        ChainReport report = new LedgerQueries(jdbi).verifyChains(null);
        assertThat(report.breaks()).isEmpty();
        assertThat(report.rows()).isGreaterThanOrEqualTo(fleet.sent());
    }

    /**
     * Waits until a connection to the database has a transaction that has written (an xid) into {@code events} (it
     * holds the lock an insert takes), and returns its xid.
     */
    private static String awaitOpenWrite(Jdbi jdbi, LedgerProcess ledger) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (!ledger.isAlive()) {
                throw new AssertionError("the ledger exited before it wrote; its output:\n" + ledger.output());
            }
            return jdbi.withHandle(h -> h.createQuery("""
                            SELECT CAST(a.backend_xid AS text) FROM pg_stat_activity a
                             WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL
                               AND a.pid <> pg_backend_pid()
                               AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.granted
                                              AND l.relation = CAST('events' AS regclass)
                                              AND l.mode = 'RowExclusiveLock')""")
                    .mapTo(String.class).findFirst());
        }, Optional::isPresent).orElseThrow();
    }

    /** How the transaction ended once its connection was gone: committed (it beat the kill) or aborted. */
    private static String awaitEnd(Jdbi jdbi, String xid) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> jdbi.withHandle(h -> h
                        .createQuery("SELECT pg_xact_status(CAST(:xid AS xid8))").bind("xid", xid)
                        .mapTo(String.class).one()),
                status -> !status.equals("in progress"));
    }

    private static List<StoredOffset> storedOffsets(Jdbi jdbi, String group) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT topic, partition, next_offset FROM consumer_offsets WHERE group_id = :group
                         ORDER BY topic, partition""")
                .bind("group", group)
                .map((rs, ctx) -> new StoredOffset(rs.getString(1), rs.getInt(2), rs.getLong(3))).list());
    }
}
