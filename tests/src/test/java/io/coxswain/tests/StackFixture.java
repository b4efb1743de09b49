package io.coxswain.tests;

import static org.awaitility.Awaitility.await;

import io.coxswain.cli.stack.EmbeddedStack;
import io.coxswain.streams.config.LossPlateauConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One embedded stack (real Kafka, real PostgreSQL, ledger, control-streams, web UI) for a test class. */
final class StackFixture implements AutoCloseable {
    /** A loss-plateau rule that never fires within a test's runs, for tests that steer runs by hand. */
    static final LossPlateauConfig RULE_OFF = LossPlateauConfig.defaults().withMinSteps(10_000_000);

    private final EmbeddedStack stack;

    private StackFixture(EmbeddedStack stack) {
        this.stack = stack;
    }

    static StackFixture start(LossPlateauConfig plateau) throws Exception {
        Path home = Files.createTempDirectory("cox-test-stack");
        return new StackFixture(EmbeddedStack.start(home, 0, plateau, line -> { }));
    }

    String bootstrap() {
        return stack.bootstrap();
    }

    String jdbc() {
        return stack.jdbc();
    }

    String webUrl() {
        return stack.webUrl();
    }

    /**
     * The token that web writes need ({@code X-Coxswain-Token}); null while the stack has none (writes unguarded).
     */
    String webToken() {
        return null;
    }

    Path home() {
        return stack.home();
    }

    Connection sql() throws SQLException {
        return DriverManager.getConnection(jdbc());
    }

    List<List<Object>> awaitRows(String sql, String runId, int count) {
        List<List<Object>> rows = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            rows.clear();
            rows.addAll(queryRows(sql, runId));
            return rows.size() >= count;
        });
        return rows;
    }

    List<List<Object>> queryRows(String sql, String runId) throws Exception {
        try (Connection c = sql(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    @Override
    public void close() {
        stack.close();
    }
}
