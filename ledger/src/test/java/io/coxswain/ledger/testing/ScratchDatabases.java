package io.coxswain.ledger.testing;

import io.coxswain.embedded.EmbeddedPostgresServer;
import io.coxswain.ledger.Ledger;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Makes migrated ledger databases on one PostgreSQL server: a template migrated once, then a copy of it per
 * {@link #create()} (fast: PostgreSQL copies the files).
 */
public final class ScratchDatabases {
    private static final String TEMPLATE = "ledger_template";

    private final String serverJdbcUrl;
    private final Jdbi admin;
    private boolean templateMigrated;

    /** @param serverJdbcUrl the URL of the server's {@value EmbeddedPostgresServer#DATABASE} database */
    public ScratchDatabases(String serverJdbcUrl) {
        this.serverJdbcUrl = serverJdbcUrl;
        this.admin = Ledger.jdbi(serverJdbcUrl);
    }

    public synchronized ScratchDatabase create() {
        if (!templateMigrated) {
            admin.useHandle(h -> h.execute("CREATE DATABASE " + TEMPLATE));
            Ledger.migrate(jdbcUrlOf(TEMPLATE));
            templateMigrated = true;
        }
        String name = "scratch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin.useHandle(h -> h.execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE));
        return new ScratchDatabase(admin, name, jdbcUrlOf(name));
    }

    private String jdbcUrlOf(String database) {
        return serverJdbcUrl.replace("/" + EmbeddedPostgresServer.DATABASE + "?", "/" + database + "?");
    }
}
