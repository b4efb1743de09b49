package io.coxswain.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft combined mode (broker and controller in one), on loopback, keeping its log
 * under a data directory. The directory is formatted on first start and reused afterwards, so data survives a restart.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final String bootstrap;
    private final Path dataDir;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrap, Path dataDir) {
        this.server = server;
        this.bootstrap = bootstrap;
        this.dataDir = dataDir;
    }

    /** Starts a broker with its log under {@code dataDir}, on {@code port} (0 picks a free one). */
    public static EmbeddedKafka start(Path dataDir, int port) {
        int brokerPort = port == 0 ? FreePort.find() : port;
        int controllerPort = FreePort.find();
        try {
            Files.createDirectories(dataDir);
            Map<String, Object> props = config(dataDir, brokerPort, controllerPort);
            KafkaConfig config = new KafkaConfig(props);
            if (!Files.exists(dataDir.resolve("meta.properties"))) {
                format(dataDir);
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                server.shutdown();
                server.awaitShutdown();
                throw e;
            }
            String bootstrap = "127.0.0.1:" + brokerPort;
            LOG.info("Kafka broker up at {} (data {})", bootstrap, dataDir);
            return new EmbeddedKafka(server, bootstrap, dataDir);
        } catch (Exception e) {
            throw new EmbeddedException("cannot start the embedded Kafka broker on 127.0.0.1:" + brokerPort
                    + " with data in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> config(Path dataDir, int brokerPort, int controllerPort) {
        Map<String, Object> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:"
                + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toAbsolutePath().toString());
        p.put("auto.create.topics.enable", "false");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        return p;
    }

    private static void format(Path dataDir) throws Exception {
        String dir = dataDir.toAbsolutePath().toString();
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(NODE_ID)
                .setDirectories(List.of(dir))
                .setMetadataLogDirectory(dir)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .run();
    }

    public String bootstrap() {
        return bootstrap;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates the topics that do not exist yet, each with {@code partitions} partitions, and waits for them. */
    public void ensureTopics(Set<String> names, int partitions) {
        ensureTopics(bootstrap, names, partitions);
    }

    /** Creates missing topics on any broker; used by {@code cox up} and by tests against external Kafka. */
    public static void ensureTopics(String bootstrap, Set<String> names, int partitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, partitions, (short) 1)).collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new EmbeddedException("cannot create topics " + names + " on " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker at {} stopped", bootstrap);
    }
}
