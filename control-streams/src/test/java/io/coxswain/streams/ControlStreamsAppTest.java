package io.coxswain.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.streams.config.ControlStreamsConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's life cycle without a broker; running against a real broker is covered by the tests module. */
class ControlStreamsAppTest {
    /** Nothing listens on port 1 of the loopback interface. */
    private static final String NO_KAFKA = "127.0.0.1:1";

    @TempDir
    Path stateDir;

    @Test
    void failsToStartNamingTheBootstrapAddressWhenKafkaIsUnreachable() {
        try (ControlStreamsApp app = new ControlStreamsApp(config())) {
            assertThatThrownBy(app::start)
                    .isInstanceOfSatisfying(StreamsStartException.class,
                            e -> assertThat(e.bootstrapServers()).isEqualTo(NO_KAFKA))
                    .hasMessageContaining("control-streams coxswain-control-streams at Kafka 127.0.0.1:1")
                    .hasMessageContaining("did not reach RUNNING within PT1S");
            assertThat(app.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        }
    }

    @Test
    void refusesToStartTwice() {
        try (ControlStreamsApp app = new ControlStreamsApp(config())) {
            assertThatThrownBy(app::start).isInstanceOf(StreamsStartException.class);

            assertThatThrownBy(app::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("was started before");
        }
    }

    @Test
    void closesWithoutHavingStarted() {
        ControlStreamsApp app = new ControlStreamsApp(config());

        app.close();

        assertThat(app.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
    }

    @Test
    void runsTheControlTopology() {
        try (ControlStreamsApp app = new ControlStreamsApp(config())) {
            assertThat(app.topology().describe().toString())
                    .contains("coxswain.run-events", "coxswain.control", "coxswain.dead-letter",
                            "rule-state-loss_plateau", "placement-check");
            assertThat(app.state()).isEqualTo(KafkaStreams.State.CREATED);
        }
    }

    private ControlStreamsConfig config() {
        return ControlStreamsConfig.defaults(NO_KAFKA).withStateDir(stateDir)
                .withStartTimeout(Duration.ofSeconds(1)).withCloseTimeout(Duration.ofSeconds(10));
    }
}
