package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.topics.Topics;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same steering path against Kafka in a container, for machines with Docker; skipped cleanly where no Docker
 * engine runs (the embedded broker covers it there).
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersKafkaTest {
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Test
    void appliesAPlainJsonCommandOnContainerKafka() throws Exception {
        String bootstrap = KAFKA.getBootstrapServers();
        EmbeddedKafka.ensureTopics(bootstrap, Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), 12);
        String runId = "tc-" + UUID.randomUUID();
        try (AgentThread agent = AgentThread.start(bootstrap, runId, 100_000, Files.createTempDirectory("tc-ckpt"));
             RunEventsReader events = new RunEventsReader(bootstrap, runId);
             var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
                     new StringSerializer(), new StringSerializer())) {
            events.awaitEvent(RunStarted.class, e -> true);
            producer.send(new ProducerRecord<>(Topics.CONTROL.name(), runId, """
                    {"v":1,"commandId":"tc-1","runId":"%s","source":{"kind":"user","author":"tc"},
                     "actions":[{"op":"set","param":"learning_rate","value":0.01}]}""".formatted(runId))).get();
            EventEnvelope answer = events.awaitEvent(ParameterChanged.class, e -> true);
            assertThat(((ParameterChanged) answer.event()).commandId()).isEqualTo("tc-1");
        }
    }
}
