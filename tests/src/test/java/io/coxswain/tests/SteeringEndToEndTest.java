package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole path on real infrastructure: a real DL4J run on the embedded Kafka broker, a command published as a plain
 * JSON string by a raw producer (as a non-Java client would), the agent's answer, the effect on later steps, and the
 * row in PostgreSQL written by the ledger.
 */
@ExtendWith(SharedStack.class)
class SteeringEndToEndTest {
    private static StackFixture stack;

    @BeforeAll
    static void useSharedStack(StackFixture shared) {
        stack = shared;
    }

    @Test
    void appliesAPlainJsonCommandAndRecordsTheChangeInTheLedger() throws Exception {
        String runId = "e2e-set-" + UUID.randomUUID();
        try (AgentThread agent = AgentThread.start(stack.bootstrap(), runId, 100_000, stack.home().resolve("ckpt"));
             RunEventsReader events = new RunEventsReader(stack.bootstrap(), runId)) {
            events.awaitEvent(RunStarted.class, e -> true);
            publishRaw(runId, """
                    {"v":1,"type":"ControlCommand","commandId":"c-lr-1","runId":"%s","issuedAt":"2026-11-22T10:00:00Z",
                     "source":{"kind":"user","author":"e2e"},
                     "actions":[{"op":"set","param":"learning_rate","value":0.01}],"reason":"lower the rate"}"""
                    .formatted(runId));

            EventEnvelope answer = events.awaitEvent(ParameterChanged.class, e -> true);
            assertThat(answer.event()).isEqualTo(new ParameterChanged("c-lr-1", "learning_rate",
                    Json.mapper().getNodeFactory().numberNode(0.001), Json.mapper().getNodeFactory().numberNode(0.01),
                    new CommandSource(SourceKind.USER, "e2e", null, null)));
            EventEnvelope later = events.awaitEvent(StepCompleted.class, e -> e.step() > answer.step());
            assertThat(((StepCompleted) later.event()).learningRate()).isEqualTo(0.01);
            assertThat(events.seen()).filteredOn(e -> e.event() instanceof StepCompleted && e.step() <= answer.step())
                    .allSatisfy(e -> assertThat(((StepCompleted) e.event()).learningRate()).isEqualTo(0.001));

            List<List<Object>> rows = stack.awaitRows("""
                    SELECT param, old_value::text, new_value::text, command_id, source_kind, author, reason, step
                    FROM parameter_changes WHERE run_id = ?""", runId, 1);
            assertThat(rows).containsExactly(List.of("learning_rate", "0.001", "0.01", "c-lr-1", "user", "e2e",
                    "lower the rate", answer.step()));
        }
    }

    @Test
    void rejectsANaNLearningRateWithAReasonAndKeepsTraining() throws Exception {
        String runId = "e2e-nan-" + UUID.randomUUID();
        try (AgentThread agent = AgentThread.start(stack.bootstrap(), runId, 100_000, stack.home().resolve("ckpt"));
             RunEventsReader events = new RunEventsReader(stack.bootstrap(), runId)) {
            events.awaitEvent(RunStarted.class, e -> true);
            publishRaw(runId, """
                    {"v":1,"type":"ControlCommand","commandId":"c-nan","runId":"%s",
                     "source":{"kind":"user","author":"e2e"},
                     "actions":[{"op":"set","param":"learning_rate","value":NaN}]}""".formatted(runId));

            EventEnvelope rejection = events.awaitEvent(CommandRejected.class, e -> true);
            CommandRejected rejected = (CommandRejected) rejection.event();
            assertThat(rejected.commandId()).isEqualTo("c-nan");
            assertThat(rejected.reason()).contains("learning_rate").containsIgnoringCase("NaN");
            EventEnvelope later = events.awaitEvent(StepCompleted.class, e -> e.step() > rejection.step() + 5);
            assertThat(((StepCompleted) later.event()).learningRate()).isEqualTo(0.001);
            assertThat(events.seen()).noneMatch(e -> e.event() instanceof ParameterChanged);

            List<List<Object>> rows = stack.awaitRows("""
                    SELECT type, command_id FROM events WHERE run_id = ? AND command_id = 'c-nan' ORDER BY id""",
                    runId, 2);
            // The command and its answer come from two topics; the ledger may write either first.
            assertThat(rows).containsExactlyInAnyOrder(List.of("ControlCommand", "c-nan"),
                    List.of("CommandRejected", "c-nan"));
            assertThat(stack.queryRows("SELECT count(*) FROM parameter_changes WHERE run_id = ?", runId))
                    .containsExactly(List.of(0L));
        }
    }

    @Test
    void webApiListsRunsFromTheLedgerAndAnswers404ForAnUnknownOne() throws Exception {
        String runId = "e2e-web-" + UUID.randomUUID();
        try (AgentThread agent = AgentThread.start(stack.bootstrap(), runId, 100_000, stack.home().resolve("ckpt"))) {
            stack.awaitRows("SELECT 1 FROM runs WHERE run_id = ? AND last_step > 0", runId, 1);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(stack.webUrl() + "/api/runs"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(list.statusCode()).isEqualTo(200);
            JsonNode run = null;
            for (JsonNode r : Json.mapper().readTree(list.body())) {
                if (runId.equals(r.path("runId").asText())) {
                    run = r;
                }
            }
            assertThat(run).as("run " + runId + " in " + list.body()).isNotNull();
            assertThat(run.path("status").asText()).isEqualTo("running");
            assertThat(run.path("experimentId").asText()).isEqualTo("e2e");
            assertThat(run.path("learningRate").asDouble()).isEqualTo(0.001);

            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
                    URI.create(stack.webUrl() + "/api/runs/no-such-run")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(Json.mapper().readTree(missing.body()).path("error").asText())
                    .isEqualTo("no run 'no-such-run' in the ledger");
        }
    }

    private static void publishRaw(String runId, String json) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", stack.bootstrap()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.CONTROL.name(), runId, json)).get();
        }
    }

}
