package io.coxswain.ledger;

import io.coxswain.ledger.internal.JdbcUrls;
import java.time.Duration;

/**
 * How a ledger instance connects and consumes. Validated when built; use {@link #defaults} and the {@code with}
 * methods, or {@link LedgerEnvironment#read} for {@code COXSWAIN_*} environment variables.
 *
 * @param bootstrap    Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param jdbcUrl      PostgreSQL JDBC URL, credentials as URL parameters
 * @param groupId      consumer group; ledger instances sharing it share the partitions
 * @param pollTimeout  longest wait for records in one poll
 * @param batchSize    most records per poll, and so per database transaction
 * @param startTimeout how long {@code LedgerIngest.start()} waits for partitions to be assigned
 * @param maxBackoff   the longest wait between retries after a database or broker failure
 * @param sessionTimeout how long the group waits for a consumer that stopped answering (a killed instance) before
 *                     giving its partitions to the others, or to the same instance restarted
 * @param consumers    consumer threads in this instance, each with its own database connection; the group spreads
 *                     the partitions over them (a run's events and commands share a partition number, so they
 *                     usually go to the same consumer)
 */
public record LedgerConfig(String bootstrap, String jdbcUrl, String groupId, Duration pollTimeout, int batchSize,
                           Duration startTimeout, Duration maxBackoff, Duration sessionTimeout, int consumers) {
    public static final String DEFAULT_GROUP_ID = "coxswain-ledger";
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final int MAX_BATCH_SIZE = 10_000;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
    /** Kafka's own default. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(45);
    public static final int DEFAULT_CONSUMERS = 1;
    public static final int MAX_CONSUMERS = 64;

    public LedgerConfig {
        requireText("bootstrap", bootstrap);
        requireText("jdbcUrl", jdbcUrl);
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new LedgerConfigException("jdbcUrl", JdbcUrls.redact(jdbcUrl), "must start with jdbc:postgresql:");
        }
        requireText("groupId", groupId);
        requirePositive("pollTimeout", pollTimeout);
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new LedgerConfigException("batchSize", batchSize, "must be between 1 and " + MAX_BATCH_SIZE);
        }
        requirePositive("startTimeout", startTimeout);
        requirePositive("maxBackoff", maxBackoff);
        requirePositive("sessionTimeout", sessionTimeout);
        if (consumers < 1 || consumers > MAX_CONSUMERS) {
            throw new LedgerConfigException("consumers", consumers, "must be between 1 and " + MAX_CONSUMERS);
        }
    }

    public static LedgerConfig defaults(String bootstrap, String jdbcUrl) {
        return new LedgerConfig(bootstrap, jdbcUrl, DEFAULT_GROUP_ID, DEFAULT_POLL_TIMEOUT, DEFAULT_BATCH_SIZE,
                DEFAULT_START_TIMEOUT, DEFAULT_MAX_BACKOFF, DEFAULT_SESSION_TIMEOUT, DEFAULT_CONSUMERS);
    }

    public LedgerConfig withGroupId(String value) {
        return new LedgerConfig(bootstrap, jdbcUrl, value, pollTimeout, batchSize, startTimeout, maxBackoff,
                sessionTimeout, consumers);
    }

    public LedgerConfig withPollTimeout(Duration value) {
        return new LedgerConfig(bootstrap, jdbcUrl, groupId, value, batchSize, startTimeout, maxBackoff,
                sessionTimeout, consumers);
    }

    public LedgerConfig withBatchSize(int value) {
        return new LedgerConfig(bootstrap, jdbcUrl, groupId, pollTimeout, value, startTimeout, maxBackoff,
                sessionTimeout, consumers);
    }

    public LedgerConfig withStartTimeout(Duration value) {
        return new LedgerConfig(bootstrap, jdbcUrl, groupId, pollTimeout, batchSize, value, maxBackoff,
                sessionTimeout, consumers);
    }

    public LedgerConfig withMaxBackoff(Duration value) {
        return new LedgerConfig(bootstrap, jdbcUrl, groupId, pollTimeout, batchSize, startTimeout, value,
                sessionTimeout, consumers);
    }

    public LedgerConfig withSessionTimeout(Duration value) {
        return new LedgerConfig(bootstrap, jdbcUrl, groupId, pollTimeout, batchSize, startTimeout, maxBackoff, value,
                consumers);
    }

    public LedgerConfig withConsumers(int value) {
        return new LedgerConfig(bootstrap, jdbcUrl, groupId, pollTimeout, batchSize, startTimeout, maxBackoff,
                sessionTimeout, value);
    }

    /** The JDBC URL without its parameters, for messages. */
    @Override
    public String toString() {
        return "LedgerConfig[bootstrap=" + bootstrap + ", jdbcUrl=" + JdbcUrls.redact(jdbcUrl) + ", groupId="
                + groupId + ", pollTimeout=" + pollTimeout + ", batchSize=" + batchSize + ", startTimeout="
                + startTimeout + ", maxBackoff=" + maxBackoff + ", sessionTimeout=" + sessionTimeout + ", consumers="
                + consumers + "]";
    }

    private static void requireText(String setting, String value) {
        if (value == null || value.isBlank()) {
            throw new LedgerConfigException(setting, value == null ? "null" : "'" + value + "'", "must not be empty");
        }
    }

    private static void requirePositive(String setting, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new LedgerConfigException(setting, value, "must be a positive duration");
        }
    }
}
