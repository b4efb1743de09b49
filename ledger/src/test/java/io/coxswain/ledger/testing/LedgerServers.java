package io.coxswain.ledger.testing;

import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.embedded.EmbeddedPostgresServer;
import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.LedgerConfig;
import io.coxswain.ledger.store.StoredOffset;
import io.coxswain.protocol.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kafka broker and one real PostgreSQL (migrated) for all ledger tests of a JVM, started together and
 * closed by JUnit at the end. Tests isolate themselves by unique run ids and consumer groups.
 */
public final class LedgerServers implements ExtensionContext.Store.CloseableResource {
    public static final int PARTITIONS = 3;

    private final Path dir;
    private final EmbeddedKafka kafka;
    private final EmbeddedPostgresServer postgres;
    private final Jdbi jdbi;
    private final ScratchDatabases scratch;

    private LedgerServers(Path dir, EmbeddedKafka kafka, EmbeddedPostgresServer postgres) {
        this.dir = dir;
        this.kafka = kafka;
        this.postgres = postgres;
        this.jdbi = Ledger.jdbi(postgres.jdbcUrl());
        this.scratch = new ScratchDatabases(postgres.jdbcUrl());
    }

    static LedgerServers start() {
        try {
            Path dir = Files.createTempDirectory("ledger-test");
            CompletableFuture<EmbeddedKafka> kafka = CompletableFuture.supplyAsync(() -> {
                EmbeddedKafka k = EmbeddedKafka.start(dir.resolve("kafka"), 0);
                k.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), PARTITIONS);
                return k;
            });
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0);
            Ledger.migrate(postgres.jdbcUrl());
            return new LedgerServers(dir, kafka.join(), postgres);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrap() {
        return kafka.bootstrap();
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** A new migrated database on this server, for a test that must own every row; close it to drop it. */
    public ScratchDatabase scratchDatabase() {
        return scratch.create();
    }

    /**
     * A new, empty database of its own on the same server (not migrated), for a test that must see only its own
     * rows; returns its JDBC URL.
     */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + java.util.UUID.randomUUID().toString().substring(0, 8)).replace('-', '_');
        jdbi.useHandle(h -> h.execute("CREATE DATABASE " + name));
        return jdbcUrl().replace("/" + EmbeddedPostgresServer.DATABASE + "?", "/" + name + "?");
    }

    /** A configuration for a consumer group of its own, quick to poll and to retry. */
    public LedgerConfig config(String groupId) {
        return LedgerConfig.defaults(bootstrap(), jdbcUrl())
                .withGroupId(groupId)
                .withPollTimeout(Duration.ofMillis(100))
                .withMaxBackoff(Duration.ofMillis(500));
    }

    /** The next offset of every non-empty partition of both ledger topics, as stored offsets would hold it. */
    public List<StoredOffset> endOffsets() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (String topic : List.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name())) {
                for (int p = 0; p < PARTITIONS; p++) {
                    request.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(request).all().get();
            return ends.entrySet().stream()
                    .filter(e -> e.getValue().offset() > 0)
                    .map(e -> new StoredOffset(e.getKey().topic(), e.getKey().partition(), e.getValue().offset()))
                    .sorted(Comparator.comparing(StoredOffset::topic).thenComparing(StoredOffset::partition))
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read end offsets from " + bootstrap(), e);
        }
    }

    /** The offsets the ledger stored for a group, ordered by topic and partition. */
    public List<StoredOffset> storedOffsets(String groupId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT topic, partition, next_offset FROM consumer_offsets
                         WHERE group_id = :groupId ORDER BY topic, partition""")
                .bind("groupId", groupId)
                .map((rs, ctx) -> new StoredOffset(rs.getString(1), rs.getInt(2), rs.getLong(3)))
                .list());
    }

    /** Sets the offsets committed in Kafka for an idle group, to show they are not what the ledger resumes from. */
    public void commitInKafka(String groupId, long offset) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (String topic : List.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name())) {
                for (int p = 0; p < PARTITIONS; p++) {
                    offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(offset));
                }
            }
            admin.alterConsumerGroupOffsets(groupId, offsets).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot commit offsets of group " + groupId + " in Kafka", e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            postgres.close();
            kafka.close();
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
