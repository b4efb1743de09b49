package io.coxswain.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.ledger.internal.JdbcUrls;
import io.coxswain.ledger.query.ChainBreak;
import io.coxswain.ledger.query.ChainReport;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.store.EventStore;
import io.coxswain.ledger.store.NewEvent;
import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerServers;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rows that the database chained before V5 (its trigger hashed them in SQL) verify unchanged after V5, and the ledger
 * extends their chains from where they stood.
 */
@ExtendWith(LedgerInfrastructure.class)
class ChainMigrationTest {
    private final LedgerServers servers;

    ChainMigrationTest(LedgerServers servers) {
        this.servers = servers;
    }

    @Test
    void rowsChainedByTheDatabaseBeforeV5VerifyAfterItAndTheLedgerExtendsTheirChains() {
        String url = servers.createDatabase("before_v5");
        Flyway.configure().dataSource(JdbcUrls.dataSource(url)).locations("classpath:db/migration").target("3")
                .load().migrate();
        Jdbi jdbi = Ledger.jdbi(url);
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO events (event_id, run_id, experiment_id, type, seq, step, event_time, payload, command_id,
                                    source_topic, source_partition, source_offset)
                VALUES ('e-1', 'old-run', 'exp "é"', 'RunStarted', 0, 0, '2026-11-20T10:00:00.123456Z',
                        '{"type": "RunStarted", "config": {"lr": 1.50, "note": "tab\\there \\u00e9 😀"}}', NULL,
                        'coxswain.run-events', 0, 0),
                       ('control:2:7', 'old-run', NULL, 'ControlCommand', NULL, NULL, '2026-11-20T10:00:01Z',
                        '{"commandId": "c-1", "actions": [{"set": {"param": "lr", "value": 1e-3}}]}', 'c-1',
                        'coxswain.control', 2, 7),
                       ('e-2', 'old-run', 'exp "é"', 'ParameterChanged', 1, 10, '2026-11-20T10:00:02Z',
                        '{"commandId": "c-1", "newValue": 0.001, "oldValue": -0.0}', 'c-1',
                        'coxswain.run-events', 0, 1),
                       ('o-1', 'other run', NULL, 'StepCompleted', 5, 5, '1999-12-31T23:59:59.999999Z',
                        '{"loss": 2.5E+2, "b": [], "a": {}}', NULL, 'coxswain.run-events', 1, 0)"""));

        Ledger.migrate(url);
        LedgerQueries queries = new LedgerQueries(jdbi);
        ChainReport afterMigration = queries.verifyChains(null);

        assertThat(afterMigration).isEqualTo(new ChainReport(2, 4, List.of()));
        jdbi.useTransaction(h -> h.attach(EventStore.class).appendNew(List.of(new NewEvent("e-3", "old-run",
                "exp \"é\"", "StepCompleted", 2L, 11L, Instant.parse("2026-11-20T10:00:03Z"), "{\"loss\": 0.5}",
                null, "coxswain.run-events", 0, 2))));
        List<List<Object>> newRow = jdbi.withHandle(h -> h.createQuery("""
                        SELECT n.run_seq, n.prev_hash = p.content_hash FROM events n
                          JOIN events p ON p.run_id = n.run_id AND p.run_seq = n.run_seq - 1
                         WHERE n.event_id = 'e-3'""")
                .map((rs, ctx) -> List.<Object>of(rs.getLong(1), rs.getBoolean(2))).list());
        assertThat(newRow).containsExactly(List.of(4L, true));
        assertThat(queries.verifyChains(null)).isEqualTo(new ChainReport(2, 5, List.of()));

        jdbi.useHandle(h -> {
            h.execute("SET session_replication_role = replica");
            h.execute("UPDATE events SET payload = jsonb_set(payload, '{newValue}', '0.1') WHERE event_id = 'e-2'");
            h.execute("SET session_replication_role = origin");
        });
        long id = jdbi.withHandle(h -> h.createQuery("SELECT id FROM events WHERE event_id = 'e-2'")
                .mapTo(Long.class).one());
        assertThat(queries.verifyChains(null).breaks())
                .containsExactly(new ChainBreak("old-run", 3, id, "e-2", "altered"));
    }
}
