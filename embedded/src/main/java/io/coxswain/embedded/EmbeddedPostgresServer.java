package io.coxswain.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky embedded binaries) on loopback with its data under a directory that survives a
 * restart, holding the database {@value #DATABASE}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    public static final String DATABASE = "coxswain";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL with data under {@code dataDir}, on {@code port} (0 picks a free one). */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        int chosen = port == 0 ? FreePort.find() : port;
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(chosen)
                    .start();
            try {
                createDatabase(pg);
            } catch (SQLException e) {
                pg.close();
                throw e;
            }
            LOG.info("PostgreSQL up on port {} (data {})", chosen, dataDir);
            return new EmbeddedPostgresServer(pg);
        } catch (IOException | SQLException e) {
            throw new EmbeddedException("cannot start embedded PostgreSQL on 127.0.0.1:" + chosen + " with data in "
                    + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static void createDatabase(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** A JDBC URL with credentials, usable by any PostgreSQL client on this machine. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE + "?user=postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new EmbeddedException("cannot stop embedded PostgreSQL on port " + port(), e);
        }
    }
}
