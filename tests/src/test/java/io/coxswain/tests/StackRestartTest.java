package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.cli.stack.EmbeddedStack;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.query.RunSummary;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.config.LossPlateauConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A second start on the same home keeps everything: Kafka's records, the ledger, and the ledger's position. */
class StackRestartTest {

    @Test
    void aSecondStartOnTheSameHomeKeepsTheDataAndIngestsOnlyWhatIsNew() throws Exception {
        Path home = Files.createTempDirectory("cox-restart");
        String runId = "restart-" + UUID.randomUUID();
        try (EmbeddedStack first = EmbeddedStack.start(home, 0, LossPlateauConfig.defaults(), line -> { })) {
            publish(first.bootstrap(), runId, 1, new RunStarted(Json.mapper().createObjectNode(), 1, "mlp-blobs", 10,
                    List.of(), 0.5));
            publish(first.bootstrap(), runId, 2, step(1));
            awaitLastStep(first.jdbc(), runId, 1);
        }
        long restart = System.nanoTime();
        try (EmbeddedStack second = EmbeddedStack.start(home, 0, LossPlateauConfig.defaults(), line -> { })) {
            assertThat(Duration.ofNanos(System.nanoTime() - restart))
                    .as("no wait for the first instance's group membership to expire (45 s session timeout)")
                    .isLessThan(Duration.ofSeconds(40));
            LedgerQueries ledger = LedgerQueries.connect(second.jdbc());
            assertThat(ledger.run(runId)).isPresent();
            assertThat(ledger.eventCount(runId)).isEqualTo(2);

            publish(second.bootstrap(), runId, 3, step(2));
            awaitLastStep(second.jdbc(), runId, 2);
            assertThat(ledger.eventCount(runId)).as("old records are not ingested twice").isEqualTo(3);
        }
    }

    private static StepCompleted step(long n) {
        return new StepCompleted(n / 10.0, n / 10.0, n * 32, 32, 1.0 / n, 0.5, 0.001, 0.01, true, false, null);
    }

    private static void publish(String bootstrap, String runId, long seq, RunEvent event) throws Exception {
        long step = event instanceof StepCompleted ? seq - 1 : 0;
        EventEnvelope envelope = new EventEnvelope(new EventHeader(UUID.randomUUID().toString(), runId, "restart", seq,
                step, Instant.now()), event);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
                new StringSerializer(), Topics.RUN_EVENTS.valueSerializer())) {
            producer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId, envelope)).get();
        }
    }

    private static void awaitLastStep(String jdbc, String runId, long step) {
        LedgerQueries ledger = LedgerQueries.connect(jdbc);
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.run(runId).map(RunSummary::lastStep)
                .filter(s -> s == step).isPresent());
    }
}
