package io.coxswain.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.coxswain.embedded.EmbeddedPostgresServer;
import io.coxswain.embedded.FreePort;
import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.LedgerConfig;
import io.coxswain.ledger.query.ChainReport;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.store.StoredOffset;
import io.coxswain.ledger.testing.Fleet;
import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerServers;
import io.coxswain.ledger.testing.TestProducer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL stops for 30 seconds while runs keep publishing: the ledger keeps running, retries with its backoff and
 * says so in its log, and once PostgreSQL is back (same data, same port) it catches up; every event and command sent
 * is then stored exactly once and every chain is intact. Its own PostgreSQL, the shared broker.
 */
@ExtendWith(LedgerInfrastructure.class)
class PostgresOutageTest {
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final LedgerServers servers;

    @TempDir
    Path dir;

    PostgresOutageTest(LedgerServers servers) {
        this.servers = servers;
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void waitsOutPostgresStoppedForThirtySecondsThenCatchesUpStoringEverythingOnce() {
        Path data = dir.resolve("pg");
        int port = FreePort.find();
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data, port);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger loopLog = (Logger) LoggerFactory.getLogger(IngestLoop.class);
        log.start();
        loopLog.addAppender(log);
        String group = "outage-" + UUID.randomUUID();
        Fleet fleet = new Fleet(6, 20);
        try (TestProducer producer = new TestProducer(servers.bootstrap())) {
            Ledger.migrate(postgres.jdbcUrl());
            Jdbi jdbi = Ledger.jdbi(postgres.jdbcUrl());
            LedgerConfig config = LedgerConfig.defaults(servers.bootstrap(), postgres.jdbcUrl()).withGroupId(group)
                    .withPollTimeout(Duration.ofMillis(100)).withMaxBackoff(MAX_BACKOFF);
            try (LedgerIngest ingest = new LedgerIngest(config, jdbi)) {
                assertThat(ingest.start()).isTrue();
                fleet.publish(producer, 40);
                await().atMost(WAIT).until(() -> ingest.stats().stored() > 0);

                postgres.close();
                long failuresBefore = ingest.stats().failures();
                fleet.publish(producer, 80);  // agents do not wait for the ledger
                await().during(OUTAGE).atMost(OUTAGE.plusSeconds(10)).until(() -> ingest.stats().running());

                IngestStats down = ingest.stats();
                long retries = down.failures() - failuresBefore;
                assertThat(retries).as("retries in %s with backoff up to %s", OUTAGE, MAX_BACKOFF)
                        .isBetween(OUTAGE.dividedBy(MAX_BACKOFF.multipliedBy(2)), OUTAGE.toMillis() / 100);
                assertThat(down.lastFailure()).contains("Connection");
                postgres = EmbeddedPostgresServer.start(data, port);
                fleet.publish(producer, 40);

                await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                        assertThat(storedOffsets(jdbi, group)).isEqualTo(servers.endOffsets()));
                assertThat(ingest.stats().running()).isTrue();
                assertThat(fleet.notStoredExactlyOnce(jdbi)).as("of %d sent", fleet.sent()).isEmpty();
                ChainReport report = new LedgerQueries(jdbi).verifyChains(null);
                assertThat(report.breaks()).isEmpty();
                assertThat(report.rows()).isGreaterThanOrEqualTo(fleet.sent());
            }
            assertThat(log.list).map(ILoggingEvent::getFormattedMessage)
                    .anyMatch(m -> m.contains("failed (attempt 1), nothing of the batch is kept"))
                    .anyMatch(m -> m.contains("failed (attempt 10)"))
                    .anyMatch(m -> m.contains(" reads [") && m.contains("again from the stored offsets"));
        } finally {
            loopLog.detachAppender(log);
            postgres.close();
        }
    }

    private static List<StoredOffset> storedOffsets(Jdbi jdbi, String group) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT topic, partition, next_offset FROM consumer_offsets WHERE group_id = :group
                         ORDER BY topic, partition""")
                .bind("group", group)
                .map((rs, ctx) -> new StoredOffset(rs.getString(1), rs.getInt(2), rs.getLong(3))).list());
    }
}
