package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.cli.Cox;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StateLogged;
import io.coxswain.protocol.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code cox state RUN --at-step N} against the agent's own account of its state: a real run changes its learning rate
 * and weight decay, then logs its state (StateLogged); the state the ledger rebuilds at that step has the same live
 * values, and at a step before the change the values it started with.
 */
@ExtendWith(SharedStack.class)
class StateAtStepEndToEndTest {
    private static StackFixture stack;

    @BeforeAll
    static void useSharedStack(StackFixture shared) {
        stack = shared;
    }

    @Test
    void theStateRebuiltAtAStepEqualsTheAgentsOwnState() throws Exception {
        String runId = "e2e-state-" + UUID.randomUUID();
        try (AgentThread agent = AgentThread.start(stack.bootstrap(), runId, 100_000, stack.home().resolve("ckpt"));
             RunEventsReader events = new RunEventsReader(stack.bootstrap(), runId)) {
            events.awaitEvent(RunStarted.class, e -> true);
            publish(runId, """
                    {"v":1,"type":"ControlCommand","commandId":"c-state-1","runId":"%s",
                     "source":{"kind":"user","author":"e2e"},
                     "actions":[{"op":"set","param":"learning_rate","value":0.02},
                                {"op":"set","param":"weight_decay","value":0.0001}]}""".formatted(runId));
            EventEnvelope changed = events.awaitEvent(ParameterChanged.class, e -> true);
            publish(runId, """
                    {"v":1,"type":"ControlCommand","commandId":"c-state-2","runId":"%s",
                     "source":{"kind":"user","author":"e2e"},"actions":[{"op":"trigger","name":"log"}]}"""
                    .formatted(runId));
            EventEnvelope logged = events.awaitEvent(StateLogged.class, e -> true);
            JsonNode own = ((StateLogged) logged.event()).state();
            stack.awaitRows("SELECT 1 FROM events WHERE run_id = ? AND type = 'StateLogged'", runId, 1);

            JsonNode rebuilt = state(runId, logged.step());
            assertThat(rebuilt.path("step").asLong()).isEqualTo(own.path("step").asLong());
            own.path("parameters").fields().forEachRemaining(p -> assertThat(
                    rebuilt.path("parameters").path(p.getKey()).path("value").asDouble())
                    .as(p.getKey()).isEqualTo(p.getValue().asDouble()));
            assertThat(rebuilt.at("/parameters/learning_rate/value").asDouble()).isEqualTo(0.02);
            assertThat(rebuilt.at("/parameters/learning_rate/commandId").asText()).isEqualTo("c-state-1");
            assertThat(rebuilt.at("/parameters/learning_rate/setAtStep").asLong()).isEqualTo(changed.step());

            String audit = cox("audit", runId);
            assertThat(audit).contains("command c-state-1 from user e2e: set learning_rate=0.02, "
                    + "set weight_decay=1.0E-4").contains("learning_rate 0.001 -> 0.02 (command c-state-1 from user e2e)")
                    .contains("trigger log (command c-state-2 from user e2e)");
            assertThat(audit.lines().filter(l -> l.contains("ParameterChanged"))
                    .filter(l -> l.startsWith(String.valueOf(changed.step()) + " "))).hasSize(2);

            if (changed.step() > 0) {
                JsonNode before = state(runId, changed.step() - 1);
                assertThat(before.at("/parameters/learning_rate/value").asDouble()).isEqualTo(0.001);
                JsonNode setAt = before.at("/parameters/learning_rate/setAtStep");
                assertThat(setAt.isMissingNode() || setAt.isNull()).as("setAtStep of a start value").isTrue();
            }
        }
    }

    private static JsonNode state(String runId, long step) throws Exception {
        return Json.mapper().readTree(cox("state", runId, "--at-step", String.valueOf(step), "--json"));
    }

    /** Runs {@code cox} in this JVM against the stack's ledger; returns stdout, failing on a non-zero exit. */
    private static String cox(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cox = Cox.commandLine();
        cox.setOut(new PrintWriter(out, true));
        cox.setErr(new PrintWriter(err, true));
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--jdbc", stack.jdbc()));
        int code = cox.execute(all.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    private static void publish(String runId, String json) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", stack.bootstrap()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.CONTROL.name(), runId, json)).get();
        }
    }
}
