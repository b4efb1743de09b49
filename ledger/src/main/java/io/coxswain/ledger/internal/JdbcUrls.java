package io.coxswain.ledger.internal;

import io.coxswain.ledger.LedgerException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Turns a PostgreSQL JDBC URL into a data source, and into text safe to log. */
public final class JdbcUrls {
    private static final String PREFIX = "jdbc:postgresql:";

    private JdbcUrls() {
    }

    public static DataSource dataSource(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(PREFIX)) {
            throw new LedgerException("the ledger needs a PostgreSQL JDBC URL starting with '" + PREFIX + "', got "
                    + (jdbcUrl == null ? "none" : "'" + redact(jdbcUrl) + "'"));
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
            dataSource.setURL(jdbcUrl);
        } catch (IllegalArgumentException e) {
            throw new LedgerException("invalid JDBC URL '" + redact(jdbcUrl) + "': " + e.getMessage(), e);
        }
        return dataSource;
    }

    /** The URL without its query string, which may hold a password. */
    public static String redact(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?...";
    }
}
