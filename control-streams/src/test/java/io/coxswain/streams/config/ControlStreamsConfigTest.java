package io.coxswain.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlStreamsConfigTest {
    private static final Path STATE = Path.of("/var/lib/coxswain/streams");

    @Test
    void hasDocumentedDefaults() {
        ControlStreamsConfig config = ControlStreamsConfig.defaults("localhost:9092");

        assertThat(config).isEqualTo(new ControlStreamsConfig("localhost:9092", "coxswain-control-streams",
                Path.of(System.getProperty("java.io.tmpdir"), "coxswain-control-streams"), Duration.ofMillis(100),
                ProcessingGuarantee.EXACTLY_ONCE_V2, Duration.ofSeconds(60), Duration.ofSeconds(30), 12,
                new LossPlateauConfig(50, 0.001, 100), List.of(), Duration.ofSeconds(45)));
    }

    @Test
    void givesKafkaStreamsItsPropertiesAndNothingElse() {
        ControlStreamsConfig config = ControlStreamsConfig.defaults("k1:9092,k2:9093").withStateDir(STATE)
                .withApplicationId("cs-test").withCommitInterval(Duration.ofMillis(250))
                .withProcessingGuarantee(ProcessingGuarantee.AT_LEAST_ONCE).withControlPartitions(3)
                .withSessionTimeout(Duration.ofSeconds(6));

        assertThat(config.toProperties()).containsOnly(
                entry("application.id", "cs-test"),
                entry("bootstrap.servers", "k1:9092,k2:9093"),
                entry("state.dir", STATE.toString()),
                entry("commit.interval.ms", 250L),
                entry("processing.guarantee", "at_least_once"),
                entry("producer.linger.ms", 5L),
                entry("consumer.internal.leave.group.on.close", true),
                entry("consumer.session.timeout.ms", 6_000),
                entry("consumer.heartbeat.interval.ms", 2_000));
    }

    @Test
    void acceptsIpv6BootstrapServers() {
        assertThat(ControlStreamsConfig.defaults("[::1]:9092, 10.0.0.2:9092").bootstrapServers())
                .isEqualTo("[::1]:9092, 10.0.0.2:9092");
    }

    @Test
    void rejectsAMissingBootstrapAddress() {
        assertThatThrownBy(() -> ControlStreamsConfig.defaults(" "))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("invalid control-streams setting bootstrapServers = ' ': is required"
                        + " (host:port[,host:port...])");
    }

    @Test
    void rejectsABootstrapServerWithoutAPort() {
        assertThatThrownBy(() -> ControlStreamsConfig.defaults("k1:9092,k2"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("invalid control-streams setting bootstrapServers = 'k1:9092,k2': 'k2' is not host:port");
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThatThrownBy(() -> ControlStreamsConfig.defaults("k1:70000"))
                .hasMessageContaining("port 70000 of 'k1:70000' is not between 1 and 65535");
    }

    @Test
    void rejectsAnApplicationIdThatCannotPrefixTopicNames() {
        ControlStreamsConfig config = ControlStreamsConfig.defaults("localhost:9092");

        assertThatThrownBy(() -> config.withApplicationId("control streams"))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.setting()).isEqualTo("applicationId"))
                .hasMessageContaining("'control streams'");
    }

    @Test
    void rejectsAZeroCommitInterval() {
        ControlStreamsConfig config = ControlStreamsConfig.defaults("localhost:9092");

        assertThatThrownBy(() -> config.withCommitInterval(Duration.ZERO))
                .hasMessage("invalid control-streams setting commitInterval = PT0S: must be at least 1 ms");
    }

    @Test
    void rejectsAControlTopicWithoutPartitions() {
        ControlStreamsConfig config = ControlStreamsConfig.defaults("localhost:9092");

        assertThatThrownBy(() -> config.withControlPartitions(0))
                .hasMessage("invalid control-streams setting controlPartitions = 0: must be at least 1");
    }

    @Test
    void rejectsMissingOrNegativeTimeouts() {
        ControlStreamsConfig config = ControlStreamsConfig.defaults("localhost:9092");

        assertThatThrownBy(() -> config.withStartTimeout(Duration.ofSeconds(-1))).hasMessageContaining("startTimeout");
        assertThatThrownBy(() -> config.withCloseTimeout(null)).hasMessageContaining("closeTimeout");
        assertThatThrownBy(() -> config.withStateDir(null)).hasMessageContaining("stateDir");
        assertThatThrownBy(() -> config.withLossPlateau(null)).hasMessageContaining("lossPlateau");
        assertThatThrownBy(() -> config.withSessionTimeout(Duration.ZERO)).hasMessageContaining("sessionTimeout");
        assertThatThrownBy(() -> config.withSessionTimeout(Duration.ofDays(30)))
                .hasMessage("invalid control-streams setting sessionTimeout = PT720H: must be at most 2147483647 ms");
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> LossPlateauConfig.defaults().withWindow(0))
                .hasMessage("invalid control-streams setting lossPlateau.window = 0: must be between 1 and 10000");
    }

    @Test
    void rejectsANegativeOrNanMinDelta() {
        assertThatThrownBy(() -> LossPlateauConfig.defaults().withMinDelta(-0.1))
                .hasMessage("invalid control-streams setting lossPlateau.minDelta = -0.1:"
                        + " must be a finite number >= 0");
        assertThatThrownBy(() -> LossPlateauConfig.defaults().withMinDelta(Double.NaN))
                .hasMessageContaining("lossPlateau.minDelta = NaN");
    }

    @Test
    void rejectsNegativeMinSteps() {
        assertThatThrownBy(() -> LossPlateauConfig.defaults().withMinSteps(-1))
                .hasMessage("invalid control-streams setting lossPlateau.minSteps = -1: must be >= 0");
    }

    @Test
    void readsEverySettingFromTheEnvironment() {
        ControlStreamsConfig config = ControlStreamsConfig.fromEnv(Map.ofEntries(
                Map.entry("COXSWAIN_BOOTSTRAP_SERVERS", "kafka:9092"),
                Map.entry("COXSWAIN_STREAMS_APPLICATION_ID", "cs-2"),
                Map.entry("COXSWAIN_STREAMS_STATE_DIR", STATE.toString()),
                Map.entry("COXSWAIN_STREAMS_COMMIT_INTERVAL_MS", "500"),
                Map.entry("COXSWAIN_STREAMS_PROCESSING_GUARANTEE", "at_least_once"),
                Map.entry("COXSWAIN_STREAMS_START_TIMEOUT_MS", "10000"),
                Map.entry("COXSWAIN_STREAMS_CLOSE_TIMEOUT_MS", "5000"),
                Map.entry("COXSWAIN_STREAMS_CONTROL_PARTITIONS", "24"),
                Map.entry("COXSWAIN_STREAMS_SESSION_TIMEOUT_MS", "10000"),
                Map.entry("COXSWAIN_LOSS_PLATEAU_WINDOW", "20"),
                Map.entry("COXSWAIN_LOSS_PLATEAU_MIN_DELTA", "0.01"),
                Map.entry("COXSWAIN_LOSS_PLATEAU_MIN_STEPS", "500")));

        assertThat(config).isEqualTo(new ControlStreamsConfig("kafka:9092", "cs-2", STATE, Duration.ofMillis(500),
                ProcessingGuarantee.AT_LEAST_ONCE, Duration.ofSeconds(10), Duration.ofSeconds(5), 24,
                new LossPlateauConfig(20, 0.01, 500), List.of(), Duration.ofSeconds(10)));
    }

    @Test
    void keepsTheDefaultsForUnsetVariables() {
        assertThat(ControlStreamsConfig.fromEnv(Map.of("COXSWAIN_BOOTSTRAP_SERVERS", "kafka:9092")))
                .isEqualTo(ControlStreamsConfig.defaults("kafka:9092"));
    }

    @Test
    void namesTheVariableThatIsMissing() {
        assertThatThrownBy(() -> ControlStreamsConfig.fromEnv(Map.of()))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.setting()).isEqualTo("COXSWAIN_BOOTSTRAP_SERVERS"));
    }

    @Test
    void namesTheVariableThatIsNotANumber() {
        assertThatThrownBy(() -> ControlStreamsConfig.fromEnv(Map.of("COXSWAIN_BOOTSTRAP_SERVERS", "kafka:9092",
                "COXSWAIN_LOSS_PLATEAU_WINDOW", "fifty")))
                .hasMessage("invalid control-streams setting COXSWAIN_LOSS_PLATEAU_WINDOW = 'fifty':"
                        + " must be an integer");
    }

    @Test
    void namesTheVariableWhoseValueIsOutOfRange() {
        assertThatThrownBy(() -> ControlStreamsConfig.fromEnv(Map.of("COXSWAIN_BOOTSTRAP_SERVERS", "kafka:9092",
                "COXSWAIN_LOSS_PLATEAU_WINDOW", "0")))
                .hasMessage("invalid control-streams setting COXSWAIN_LOSS_PLATEAU_WINDOW = '0':"
                        + " must be between 1 and 10000");
    }

    @Test
    void namesTheVariableWithAnUnknownProcessingGuarantee() {
        assertThatThrownBy(() -> ControlStreamsConfig.fromEnv(Map.of("COXSWAIN_BOOTSTRAP_SERVERS", "kafka:9092",
                "COXSWAIN_STREAMS_PROCESSING_GUARANTEE", "exactly_once")))
                .hasMessage("invalid control-streams setting COXSWAIN_STREAMS_PROCESSING_GUARANTEE = 'exactly_once':"
                        + " must be at_least_once or exactly_once_v2");
    }
}
