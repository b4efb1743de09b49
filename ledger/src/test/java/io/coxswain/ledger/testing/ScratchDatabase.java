package io.coxswain.ledger.testing;

import io.coxswain.ledger.Ledger;
import org.jdbi.v3.core.Jdbi;

/**
 * A migrated ledger database of its own on the test PostgreSQL server, for a test that must see every row of it (a
 * rebuild, or the same events ingested twice in different orders). Closing drops it.
 */
public final class ScratchDatabase implements AutoCloseable {
    private final Jdbi admin;
    private final String name;
    private final String jdbcUrl;
    private final Jdbi jdbi;

    ScratchDatabase(Jdbi admin, String name, String jdbcUrl) {
        this.admin = admin;
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.jdbi = Ledger.jdbi(jdbcUrl);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        admin.useHandle(h -> h.execute("DROP DATABASE " + name + " WITH (FORCE)"));
    }
}
