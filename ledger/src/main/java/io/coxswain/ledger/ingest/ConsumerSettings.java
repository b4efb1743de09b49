package io.coxswain.ledger.ingest;

import io.coxswain.ledger.LedgerConfig;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;

/** The Kafka consumer properties of the ledger, at the client boundary only. */
final class ConsumerSettings {

    private ConsumerSettings() {
    }

    static Map<String, Object> of(LedgerConfig config) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                // the database holds the offsets; Kafka gets a copy after each transaction, for visibility
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batchSize(),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis(),
                // a third of the session, at most Kafka's default of 3 s
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) Math.max(100, Math.min(3_000, config.sessionTimeout().toMillis() / 3)),
                // commands of aborted transactions never happened, so they are not recorded
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
    }
}
