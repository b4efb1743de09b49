package io.coxswain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerConfigTest {
    private static final String URL = "jdbc:postgresql://db:5432/coxswain?user=ledger&password=secret";

    @Test
    void hasDefaultsForEverythingButTheAddresses() {
        assertThat(LedgerConfig.defaults("kafka:9092", URL)).isEqualTo(new LedgerConfig("kafka:9092", URL,
                "coxswain-ledger", Duration.ofMillis(500), 500, Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofSeconds(45), 1));
    }

    @Test
    void rejectsABatchSizeOfZeroNamingTheSetting() {
        assertThatThrownBy(() -> LedgerConfig.defaults("kafka:9092", URL).withBatchSize(0))
                .isInstanceOf(LedgerConfigException.class)
                .hasMessage("ledger setting batchSize = 0 must be between 1 and 10000");
    }

    @Test
    void rejectsNoConsumersNamingTheSetting() {
        assertThatThrownBy(() -> LedgerConfig.defaults("kafka:9092", URL).withConsumers(0))
                .isInstanceOf(LedgerConfigException.class)
                .hasMessage("ledger setting consumers = 0 must be between 1 and 64");
    }

    @Test
    void rejectsAUrlThatIsNotPostgresWithoutShowingItsPassword() {
        assertThatThrownBy(() -> LedgerConfig.defaults("kafka:9092", "jdbc:mysql://db/x?password=secret"))
                .isInstanceOf(LedgerConfigException.class)
                .hasMessage("ledger setting jdbcUrl = jdbc:mysql://db/x?... must start with jdbc:postgresql:");
    }

    @Test
    void keepsThePasswordOutOfItsText() {
        assertThat(LedgerConfig.defaults("kafka:9092", URL).toString()).doesNotContain("secret");
    }

    @Test
    void readsItsSettingsFromTheEnvironment() {
        LedgerConfig config = LedgerEnvironment.read(Map.of(
                "COXSWAIN_BOOTSTRAP_SERVERS", "kafka:9092",
                "COXSWAIN_JDBC_URL", URL,
                "COXSWAIN_LEDGER_GROUP_ID", "ledger-b",
                "COXSWAIN_LEDGER_POLL_TIMEOUT_MS", "250",
                "COXSWAIN_LEDGER_BATCH_SIZE", "1000",
                "COXSWAIN_LEDGER_START_TIMEOUT_MS", "10000",
                "COXSWAIN_LEDGER_MAX_BACKOFF_MS", "2000",
                "COXSWAIN_LEDGER_SESSION_TIMEOUT_MS", "6000",
                "COXSWAIN_LEDGER_CONSUMERS", "3"));

        assertThat(config).isEqualTo(new LedgerConfig("kafka:9092", URL, "ledger-b", Duration.ofMillis(250), 1000,
                Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(6), 3));
    }

    @Test
    void namesTheVariableThatIsMissing() {
        assertThatThrownBy(() -> LedgerEnvironment.read(Map.of("COXSWAIN_BOOTSTRAP_SERVERS", "kafka:9092")))
                .isInstanceOf(LedgerConfigException.class)
                .hasMessage("ledger setting COXSWAIN_JDBC_URL = (unset) is required");
    }

    @Test
    void namesTheVariableThatIsNotANumber() {
        assertThatThrownBy(() -> LedgerEnvironment.read(Map.of("COXSWAIN_BOOTSTRAP_SERVERS", "kafka:9092",
                "COXSWAIN_JDBC_URL", URL, "COXSWAIN_LEDGER_BATCH_SIZE", "lots")))
                .isInstanceOf(LedgerConfigException.class)
                .hasMessage("ledger setting COXSWAIN_LEDGER_BATCH_SIZE = 'lots' must be a whole number");
    }
}
