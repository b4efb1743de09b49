package io.coxswain.ledger;

import io.coxswain.ledger.internal.JdbcUrls;
import io.coxswain.ledger.internal.LedgerJdbi;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;

/** Entry points to the ledger database: its schema (Flyway) and the one configured {@link Jdbi}. */
public final class Ledger {

    private Ledger() {
    }

    /**
     * Brings the schema at {@code jdbcUrl} to the latest version; safe to call from several instances at once.
     *
     * @return the number of migrations applied now (0 when the schema was current)
     */
    public static int migrate(String jdbcUrl) {
        DataSource dataSource = JdbcUrls.dataSource(jdbcUrl);
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new LedgerException("cannot migrate the ledger schema at " + JdbcUrls.redact(jdbcUrl) + ": "
                    + e.getMessage(), e);
        }
    }

    /** A {@link Jdbi} for the ledger at {@code jdbcUrl}, with the SqlObject, PostgreSQL and JSON mappings installed. */
    public static Jdbi jdbi(String jdbcUrl) {
        return LedgerJdbi.create(JdbcUrls.dataSource(jdbcUrl));
    }
}
