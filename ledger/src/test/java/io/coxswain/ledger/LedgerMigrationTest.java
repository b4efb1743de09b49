package io.coxswain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerServers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LedgerInfrastructure.class)
class LedgerMigrationTest {
    private final LedgerServers servers;

    LedgerMigrationTest(LedgerServers servers) {
        this.servers = servers;
    }

    @Test
    void findsTheSchemaCurrentOnceMigrated() {
        assertThat(Ledger.migrate(servers.jdbcUrl())).isZero();
        List<String> tables = servers.jdbi().withHandle(h -> h.createQuery("""
                        SELECT table_name FROM information_schema.tables
                         WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'
                         ORDER BY table_name""")
                .mapTo(String.class).list());
        assertThat(tables).containsExactly("checkpoints", "commands", "consumer_offsets", "events", "interventions",
                "parameter_changes", "quarantine", "rule_set_loads", "runs", "savings");
    }

    @Test
    void namesTheDatabaseItCannotReachWithoutItsPassword() {
        assertThatThrownBy(() -> Ledger.migrate("jdbc:postgresql://127.0.0.1:1/none?password=secret&connectTimeout=2"))
                .isInstanceOf(LedgerException.class)
                .hasMessageStartingWith("cannot migrate the ledger schema at jdbc:postgresql://127.0.0.1:1/none?...")
                .hasMessageNotContaining("secret");
    }
}
