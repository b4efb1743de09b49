package io.coxswain.ledger.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.ledger.ingest.LedgerIngest;
import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerServers;
import io.coxswain.ledger.testing.RunScript;
import io.coxswain.ledger.testing.TestProducer;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The state at a step, rebuilt from stored events: start values, then the changes up to and including the step. */
@ExtendWith(LedgerInfrastructure.class)
class StateAtTest {
    private final LedgerQueries queries;
    private final TestProducer producer;
    private final LedgerIngest ingest;

    StateAtTest(LedgerServers servers) {
        this.queries = LedgerQueries.connect(servers.jdbcUrl());
        this.producer = new TestProducer(servers.bootstrap());
        this.ingest = new LedgerIngest(servers.config("state-at-test-" + UUID.randomUUID()), servers.jdbi());
    }

    @BeforeEach
    void startIngest() {
        assertThat(ingest.start()).isTrue();
    }

    @AfterEach
    void stop() {
        ingest.close();
        producer.close();
    }

    @Test
    void rebuildsEachParameterFromItsStartValueAndTheChangesUpToTheStep() {
        String runId = RunScript.uniqueRunId("state");
        RunScript run = new RunScript(runId);
        List<EventEnvelope> events = List.of(run.started(), run.step(1, 2.0, 0.01, 32), run.step(2, 1.9, 0.01, 32),
                run.parameterChanged(2, "c-1", "learning_rate", DoubleNode.valueOf(0.01), DoubleNode.valueOf(0.005),
                        CommandSource.user("ana")),
                run.step(3, 1.8, 0.005, 32), run.step(4, 1.7, 0.005, 32),
                run.parameterChanged(4, "c-2", "learning_rate", DoubleNode.valueOf(0.005), DoubleNode.valueOf(0.002),
                        CommandSource.rule("control-streams", "guard/halve", null)),
                run.step(5, 1.6, 0.002, 32));
        events.forEach(e -> producer.send(Topics.RUN_EVENTS, runId, e));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(queries.eventCount(runId)).isEqualTo(events.size()));

        assertThat(queries.stateAt(runId, 1).orElseThrow().parameters().get("learning_rate"))
                .isEqualTo(new RunStateAt.ParameterAt(DoubleNode.valueOf(0.01), null, null, null));
        RunStateAt atTwo = queries.stateAt(runId, 2).orElseThrow();
        assertThat(atTwo.parameters().get("learning_rate"))
                .isEqualTo(new RunStateAt.ParameterAt(DoubleNode.valueOf(0.005), 2L, "c-1", "user ana"));
        assertThat(atTwo.stepEvent().path("loss").asDouble()).isEqualTo(1.9);
        assertThat(atTwo.config()).isEqualTo(RunScript.config());
        assertThat(queries.stateAt(runId, 5).orElseThrow().parameters().get("learning_rate")).isEqualTo(
                new RunStateAt.ParameterAt(DoubleNode.valueOf(0.002), 4L, "c-2",
                        "rule control-streams (rule guard/halve)"));
        assertThat(queries.stateAt(runId + "-unknown", 3)).isEmpty();
    }
}
