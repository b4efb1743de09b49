package io.coxswain.agent.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.agent.TrainerAgent;
import io.coxswain.agent.config.TrainingConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaConnectivityTest {

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void failsWithinTenSecondsNamingTheAddressWhenNoBrokerAnswers() throws Exception {
        String bootstrap = "127.0.0.1:" + unusedPort();
        TrainingConfig config = TrainingConfig.builder("r-1").build();
        long began = System.nanoTime();

        assertThatThrownBy(() -> TrainerAgent.connect(config, bootstrap))
                .isInstanceOfSatisfying(KafkaUnreachableException.class,
                        e -> assertThat(e.bootstrap()).isEqualTo(bootstrap))
                .hasMessageStartingWith("Kafka at " + bootstrap + " did not answer within 10 s");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(13));
    }

    @Test
    void failsNamingAnAddressThatIsNotAnAddress() {
        assertThatThrownBy(() -> KafkaConnectivity.check("no-such-host.invalid:9092", Duration.ofSeconds(2)))
                .isInstanceOf(KafkaUnreachableException.class)
                .hasMessageContaining("no-such-host.invalid:9092");
    }
}
