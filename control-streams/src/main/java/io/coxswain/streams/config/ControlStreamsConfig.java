package io.coxswain.streams.config;

import io.coxswain.protocol.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything control-streams needs to run, validated when built: a bad value fails here with the setting's name,
 * not later inside Kafka. Start from {@link #defaults(String)} and change what differs with the {@code with*}
 * methods, or read the environment with {@link #fromEnv(Map)}.
 *
 * @param bootstrapServers    Kafka brokers, {@code host:port[,host:port...]}
 * @param applicationId       Kafka Streams application id: consumer group and prefix of the internal topics
 * @param stateDir            where the per-run rule state is kept on disk (one directory per instance on a host)
 * @param commitInterval      how often input offsets are committed (with exactly-once: how often a transaction
 *                            commits, so also how late its commands and answers become visible)
 * @param processingGuarantee at-least-once or exactly-once (see {@link ProcessingGuarantee})
 * @param startTimeout        how long {@code start()} waits for the RUNNING state
 * @param closeTimeout        how long {@code close()} waits for the stream threads to stop
 * @param controlPartitions   the partition count of {@code coxswain.control}, which decides the partition each run
 *                            reads; {@code start()} replaces it with the count the brokers report
 * @param lossPlateau         the {@code loss_plateau} rule's settings
 * @param ruleFiles           TrAC rule set files published to {@code coxswain.rules} at start (name: the file name
 *                            without extension); rule sets can also be published at any time with {@code cox rules}
 * @param sessionTimeout      how long the group waits for a silent instance (crashed, cut off) before its runs move to
 *                            the other instances; brokers accept 6 s to 30 min by default
 */
public record ControlStreamsConfig(String bootstrapServers, String applicationId, Path stateDir,
                                   Duration commitInterval, ProcessingGuarantee processingGuarantee,
                                   Duration startTimeout, Duration closeTimeout, int controlPartitions,
                                   LossPlateauConfig lossPlateau, List<Path> ruleFiles, Duration sessionTimeout) {
    public static final String DEFAULT_APPLICATION_ID = "coxswain-control-streams";
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);
    public static final ProcessingGuarantee DEFAULT_PROCESSING_GUARANTEE = ProcessingGuarantee.EXACTLY_ONCE_V2;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_CONTROL_PARTITIONS = Topics.DEFAULT_PARTITIONS;
    /** Kafka's consumer default. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);
    /** Kafka's consumer default heartbeat interval, used unless a third of the session timeout is shorter. */
    private static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofSeconds(3);
    /**
     * How long the streams producer waits to fill a batch. Kafka Streams' own default is 100 ms; a command should
     * reach its run within a step or two, and this app sends few records.
     */
    public static final Duration PRODUCER_LINGER = Duration.ofMillis(5);

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s,:\\[\\]]+):(\\d{1,5})");
    private static final Pattern APPLICATION_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    public ControlStreamsConfig {
        checkBootstrapServers(bootstrapServers);
        if (applicationId == null || !APPLICATION_ID.matcher(applicationId).matches()) {
            throw new InvalidConfigException("applicationId", applicationId,
                    "must be 1 to 200 of the characters a-z A-Z 0-9 . _ - (it prefixes Kafka topic names)");
        }
        if (stateDir == null) {
            throw new InvalidConfigException("stateDir", null, "is required");
        }
        checkPositive("commitInterval", commitInterval);
        if (processingGuarantee == null) {
            throw new InvalidConfigException("processingGuarantee", null, "is required");
        }
        checkPositive("startTimeout", startTimeout);
        checkPositive("closeTimeout", closeTimeout);
        if (controlPartitions < 1) {
            throw new InvalidConfigException("controlPartitions", controlPartitions, "must be at least 1");
        }
        if (lossPlateau == null) {
            throw new InvalidConfigException("lossPlateau", null, "is required");
        }
        ruleFiles = List.copyOf(ruleFiles == null ? List.of() : ruleFiles);
        checkPositive("sessionTimeout", sessionTimeout);
        if (sessionTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new InvalidConfigException("sessionTimeout", sessionTimeout, "must be at most "
                    + Integer.MAX_VALUE + " ms");
        }
    }

    /** The defaults, with the state kept under {@code <java.io.tmpdir>/coxswain-control-streams}. */
    public static ControlStreamsConfig defaults(String bootstrapServers) {
        return new ControlStreamsConfig(bootstrapServers, DEFAULT_APPLICATION_ID, defaultStateDir(),
                DEFAULT_COMMIT_INTERVAL, DEFAULT_PROCESSING_GUARANTEE, DEFAULT_START_TIMEOUT, DEFAULT_CLOSE_TIMEOUT,
                DEFAULT_CONTROL_PARTITIONS, LossPlateauConfig.defaults(), List.of(), DEFAULT_SESSION_TIMEOUT);
    }

    /**
     * Reads the {@code COXSWAIN_*} variables listed in the module README (only {@code COXSWAIN_BOOTSTRAP_SERVERS}
     * is required); a malformed variable fails naming it.
     */
    public static ControlStreamsConfig fromEnv(Map<String, String> env) {
        return new EnvironmentConfig(env).read();
    }

    public static Path defaultStateDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), DEFAULT_APPLICATION_ID);
    }

    public ControlStreamsConfig withApplicationId(String value) {
        return new ControlStreamsConfig(bootstrapServers, value, stateDir, commitInterval, processingGuarantee,
                startTimeout, closeTimeout, controlPartitions, lossPlateau, ruleFiles, sessionTimeout);
    }

    public ControlStreamsConfig withStateDir(Path value) {
        return new ControlStreamsConfig(bootstrapServers, applicationId, value, commitInterval, processingGuarantee,
                startTimeout, closeTimeout, controlPartitions, lossPlateau, ruleFiles, sessionTimeout);
    }

    public ControlStreamsConfig withCommitInterval(Duration value) {
        return new ControlStreamsConfig(bootstrapServers, applicationId, stateDir, value, processingGuarantee,
                startTimeout, closeTimeout, controlPartitions, lossPlateau, ruleFiles, sessionTimeout);
    }

    public ControlStreamsConfig withProcessingGuarantee(ProcessingGuarantee value) {
        return new ControlStreamsConfig(bootstrapServers, applicationId, stateDir, commitInterval, value, startTimeout,
                closeTimeout, controlPartitions, lossPlateau, ruleFiles, sessionTimeout);
    }

    public ControlStreamsConfig withStartTimeout(Duration value) {
        return new ControlStreamsConfig(bootstrapServers, applicationId, stateDir, commitInterval, processingGuarantee,
                value, closeTimeout, controlPartitions, lossPlateau, ruleFiles, sessionTimeout);
    }

    public ControlStreamsConfig withCloseTimeout(Duration value) {
        return new ControlStreamsConfig(bootstrapServers, applicationId, stateDir, commitInterval, processingGuarantee,
                startTimeout, value, controlPartitions, lossPlateau, ruleFiles, sessionTimeout);
    }

    public ControlStreamsConfig withControlPartitions(int value) {
        return new ControlStreamsConfig(bootstrapServers, applicationId, stateDir, commitInterval, processingGuarantee,
                startTimeout, closeTimeout, value, lossPlateau, ruleFiles, sessionTimeout);
    }

    public ControlStreamsConfig withLossPlateau(LossPlateauConfig value) {
        return new ControlStreamsConfig(bootstrapServers, applicationId, stateDir, commitInterval, processingGuarantee,
                startTimeout, closeTimeout, controlPartitions, value, ruleFiles, sessionTimeout);
    }

    public ControlStreamsConfig withRuleFiles(List<Path> value) {
        return new ControlStreamsConfig(bootstrapServers, applicationId, stateDir, commitInterval, processingGuarantee,
                startTimeout, closeTimeout, controlPartitions, lossPlateau, value, sessionTimeout);
    }

    public ControlStreamsConfig withSessionTimeout(Duration value) {
        return new ControlStreamsConfig(bootstrapServers, applicationId, stateDir, commitInterval, processingGuarantee,
                startTimeout, closeTimeout, controlPartitions, lossPlateau, ruleFiles, value);
    }

    /** The Kafka Streams properties; for the Kafka boundary only, never passed around further. */
    public Properties toProperties() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee.kafkaName());
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), PRODUCER_LINGER.toMillis());
        // Kafka Streams keeps its members in the group when they close, so a restarted instance would wait a whole
        // session timeout (45 s) for its partitions; leaving on close hands them over at once.
        properties.put(StreamsConfig.consumerPrefix("internal.leave.group.on.close"), true);
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) sessionTimeout.toMillis());
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) Math.max(1, Math.min(MAX_HEARTBEAT_INTERVAL.toMillis(), sessionTimeout.toMillis() / 3)));
        return properties;
    }

    private static void checkBootstrapServers(String servers) {
        if (servers == null || servers.isBlank()) {
            throw new InvalidConfigException("bootstrapServers", servers, "is required (host:port[,host:port...])");
        }
        for (String server : servers.split(",", -1)) {
            Matcher m = HOST_PORT.matcher(server.trim());
            if (!m.matches()) {
                throw new InvalidConfigException("bootstrapServers", servers,
                        "'" + server.trim() + "' is not host:port");
            }
            int port = Integer.parseInt(m.group(2));
            if (port < 1 || port > 65_535) {
                throw new InvalidConfigException("bootstrapServers", servers,
                        "port " + port + " of '" + server.trim() + "' is not between 1 and 65535");
            }
        }
    }

    private static void checkPositive(String setting, Duration value) {
        if (value == null || value.toMillis() < 1) {
            throw new InvalidConfigException(setting, value, "must be at least 1 ms");
        }
    }
}
