package io.coxswain.ledger.query;

import static io.coxswain.ledger.testing.Expected.row;
import static io.coxswain.ledger.testing.Expected.withoutIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.ledger.ingest.LedgerIngest;
import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerServers;
import io.coxswain.ledger.testing.RunScript;
import io.coxswain.ledger.testing.TestProducer;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LedgerInfrastructure.class)
class LedgerQueriesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final LedgerServers servers;
    private final LedgerQueries queries;
    private final TestProducer producer;
    private final LedgerIngest ingest;

    LedgerQueriesTest(LedgerServers servers) {
        this.servers = servers;
        this.queries = LedgerQueries.connect(servers.jdbcUrl());
        this.producer = new TestProducer(servers.bootstrap());
        this.ingest = new LedgerIngest(servers.config("ledger-queries-test-" + UUID.randomUUID()), servers.jdbi());
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
    void suggestsCloseRunIdsForAnUnknownOne() {
        startRuns("run-42", "run-43", "run-7", "baseline-run-42");

        assertThat(queries.run("run-4w")).isEmpty();
        assertThat(queries.similarRunIds("run-4w", 5)).containsExactly("run-42", "run-43");
        assertThat(queries.similarRunIds("RUN-42", 1)).containsExactly("run-42");
        assertThat(queries.similarRunIds("baseline", 5)).containsExactly("baseline-run-42");
        assertThat(queries.similarRunIds("run-42", 5)).containsExactly("run-43");
        assertThat(queries.similarRunIds("something-else-entirely", 5)).isEmpty();
    }

    @Test
    void listsRunsNewestFirst() {
        String older = RunScript.uniqueRunId("older");
        String newer = RunScript.uniqueRunId("newer");
        String newest = RunScript.uniqueRunId("newest");
        send(new RunScript(newer, RunScript.BASE_TIME.plusSeconds(3600)).started());
        send(new RunScript(older, RunScript.BASE_TIME.minusSeconds(3600)).started());
        send(new RunScript(newest, RunScript.BASE_TIME.plusSeconds(7200)).started());
        await().atMost(WAIT).untilAsserted(() -> assertThat(queries.run(older)).isPresent());
        await().atMost(WAIT).untilAsserted(() -> assertThat(queries.run(newest)).isPresent());
        await().atMost(WAIT).untilAsserted(() -> assertThat(queries.run(newer)).isPresent());

        assertThat(queries.runs()).extracting(RunSummary::runId)
                .filteredOn(Set.of(older, newer, newest)::contains)
                .containsExactly(newest, newer, older);
    }

    @Test
    void givesTheLatestEventsOfARunOldestFirst() {
        String runId = RunScript.uniqueRunId("tail");
        RunScript run = new RunScript(runId);
        List<EventEnvelope> events = List.of(run.started(), run.step(1, 2.0, 0.01, 32), run.step(2, 1.9, 0.01, 32),
                run.step(3, 1.8, 0.01, 32), run.evaluated(3, 1.95));
        events.forEach(this::send);
        await().atMost(WAIT).untilAsserted(() -> assertThat(queries.eventCount(runId)).isEqualTo(5));

        assertThat(withoutIds(queries.events(runId, 2))).containsExactly(row(events.get(3)), row(events.get(4)));
        assertThat(queries.events(runId, 10)).extracting(EventRow::id).isSorted();
    }

    @Test
    void knowsNothingOfARunItNeverSaw() {
        String unknown = RunScript.uniqueRunId("never");

        assertThat(queries.run(unknown)).isEmpty();
        assertThat(queries.eventCount(unknown)).isZero();
        assertThat(queries.events(unknown, 10)).isEmpty();
        assertThat(queries.parameterChanges(unknown)).isEmpty();
    }

    private void startRuns(String... runIds) {
        for (String runId : runIds) {
            send(new RunScript(runId).started());
        }
        for (String runId : runIds) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(queries.run(runId)).isPresent());
        }
    }

    private void send(EventEnvelope event) {
        producer.send(Topics.RUN_EVENTS, event.runId(), event);
    }
}
