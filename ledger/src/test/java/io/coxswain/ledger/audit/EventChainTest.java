package io.coxswain.ledger.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.coxswain.ledger.ingest.LedgerIngest;
import io.coxswain.ledger.query.ChainBreak;
import io.coxswain.ledger.query.ChainReport;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerServers;
import io.coxswain.ledger.testing.RunScript;
import io.coxswain.ledger.testing.TestProducer;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each run's rows form a hash chain the database builds; the events table refuses UPDATE, DELETE and TRUNCATE; and a
 * row altered or removed behind the application's back (triggers switched off by a superuser) is found by the walk.
 */
@ExtendWith(LedgerInfrastructure.class)
class EventChainTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final LedgerServers servers;
    private final LedgerQueries queries;
    private final TestProducer producer;
    private final LedgerIngest ingest;

    EventChainTest(LedgerServers servers) {
        this.servers = servers;
        this.queries = LedgerQueries.connect(servers.jdbcUrl());
        this.producer = new TestProducer(servers.bootstrap());
        this.ingest = new LedgerIngest(servers.config("event-chain-test-" + UUID.randomUUID()), servers.jdbi());
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
    void eachRunsRowsAreChainedInOrderAndRedeliveryAddsNothing() {
        String runId = RunScript.uniqueRunId("chained");
        List<EventEnvelope> events = script(runId, 5);
        store(runId, events);
        storeAgain(runId, events);

        List<List<Object>> rows = servers.jdbi().withHandle(h -> h.createQuery("""
                        SELECT run_seq, prev_hash IS NULL, prev_hash = lag(content_hash) OVER (ORDER BY run_seq)
                          FROM events WHERE run_id = :run ORDER BY run_seq""").bind("run", runId)
                .map((rs, ctx) -> List.<Object>of(rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3))).list());
        assertThat(rows).extracting(r -> r.get(0)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(rows.get(0).get(1)).isEqualTo(true);
        assertThat(rows.subList(1, rows.size())).allSatisfy(r -> assertThat(r.get(2)).isEqualTo(true));
        ChainReport report = queries.verifyChains(runId);
        assertThat(report.intact()).isTrue();
        assertThat(report.rows()).isEqualTo(8);
        assertThat(report.runs()).isEqualTo(1);
    }

    @Test
    void eventsAndCommandsArrivingAfterTheRunFinishedExtendItsChain() {
        String runId = RunScript.uniqueRunId("late");
        RunScript run = new RunScript(runId);
        List<EventEnvelope> onTime = List.of(run.started(), run.step(1, 2.0, 0.01, 32), run.finished(1, "completed",
                null));
        store(runId, onTime);
        EventEnvelope lateCheckpoint = run.checkpoint(1, true);
        EventEnvelope lateEval = run.evaluated(1, 1.9);
        ControlCommand lateCommand = new ControlCommand("late-" + runId, runId, RunScript.BASE_TIME.plusSeconds(60),
                CommandSource.user("ada"), List.of(new Action.FireTrigger("checkpoint")), "after the end");
        producer.send(Topics.RUN_EVENTS, runId, lateCheckpoint);
        producer.send(Topics.CONTROL, runId, lateCommand);
        producer.send(Topics.RUN_EVENTS, runId, lateEval);
        await().atMost(WAIT).untilAsserted(() -> assertThat(queries.eventCount(runId)).isEqualTo(6));

        List<String> chained = servers.jdbi().withHandle(h -> h.createQuery("""
                        SELECT type FROM events WHERE run_id = :run ORDER BY run_seq""")
                .bind("run", runId).mapTo(String.class).list());
        assertThat(chained.subList(0, 3)).containsExactly("RunStarted", "StepCompleted", "RunFinished");
        assertThat(chained.subList(3, 6)).as("after the end, the late event before the later one, the command"
                + " (another topic) anywhere among them")
                .containsExactlyInAnyOrder("CheckpointSaved", "ControlCommand", "EvalCompleted")
                .matches(late -> late.indexOf("CheckpointSaved") < late.indexOf("EvalCompleted"));
        assertThat(queries.verifyChains(runId)).isEqualTo(new ChainReport(1, 6, List.of()));
    }

    @Test
    void theDatabaseRefusesUpdatesDeletesAndTruncation() {
        String runId = storeRun("append-only", 2);
        for (String sql : List.of("UPDATE events SET step = 0 WHERE run_id = '" + runId + "'",
                "DELETE FROM events WHERE run_id = '" + runId + "'", "TRUNCATE events CASCADE")) {
            assertThatThrownBy(() -> servers.jdbi().useHandle(h -> h.execute(sql)))
                    .as(sql).hasMessageContaining("the events table is append-only");
        }
        assertThat(queries.verifyChains(runId).rows()).isEqualTo(4);
    }

    @Test
    void aRowAlteredOrRemovedBehindTheApplicationsBackIsFoundWithItsRunAndPosition() {
        String altered = storeRun("altered", 4);
        String removed = storeRun("removed", 4);
        String untouched = storeRun("untouched", 4);

        tamper("UPDATE events SET payload = jsonb_set(payload, '{loss}', '0.001') WHERE run_id = '" + altered
                + "' AND run_seq = 3");
        tamper("DELETE FROM events WHERE run_id = '" + removed + "' AND run_seq = 2");

        assertThat(queries.verifyChains(altered).breaks()).singleElement().satisfies(b -> {
            assertThat(b.runId()).isEqualTo(altered);
            assertThat(b.runSeq()).isEqualTo(3);
            assertThat(b.problem()).isEqualTo("altered");
        });
        assertThat(queries.verifyChains(removed).breaks()).singleElement().satisfies(b -> {
            assertThat(b.runSeq()).isEqualTo(3);
            assertThat(b.problem()).isEqualTo("link");
        });
        assertThat(queries.verifyChains(untouched).intact()).isTrue();
        assertThat(queries.verifyChains(null).breaks()).extracting(ChainBreak::runId).contains(altered, removed)
                .doesNotContain(untouched);
    }

    /** Runs SQL with triggers off, as a superuser could: what the chain must reveal. */
    private void tamper(String sql) {
        servers.jdbi().useHandle((Handle h) -> {
            h.execute("SET session_replication_role = replica");
            try {
                h.execute(sql);
            } finally {
                h.execute("SET session_replication_role = origin");
            }
        });
    }

    /** A run started, {@code steps} steps and finished, stored; returns its id. */
    private String storeRun(String prefix, int steps) {
        String runId = RunScript.uniqueRunId(prefix);
        store(runId, script(runId, steps));
        return runId;
    }

    private void store(String runId, List<EventEnvelope> events) {
        events.forEach(event -> producer.send(Topics.RUN_EVENTS, runId, event));
        await().atMost(WAIT).untilAsserted(() -> assertThat(queries.eventCount(runId)).isEqualTo(events.size()));
    }

    /**
     * The same events again (a redelivery), then one new event of the run on the same partition: once it is stored,
     * the ingest has read the redelivered ones, and they added nothing.
     */
    private void storeAgain(String runId, List<EventEnvelope> events) {
        events.forEach(event -> producer.send(Topics.RUN_EVENTS, runId, event));
        producer.send(Topics.RUN_EVENTS, runId, new RunScript(runId).evaluated(5, 0.5));
        await().atMost(WAIT).untilAsserted(() -> assertThat(queries.eventCount(runId)).isEqualTo(events.size() + 1));
    }

    private static List<EventEnvelope> script(String runId, int steps) {
        RunScript run = new RunScript(runId);
        List<EventEnvelope> events = new java.util.ArrayList<>();
        events.add(run.started());
        for (int step = 1; step <= steps; step++) {
            events.add(run.step(step, 1.0 / step, 0.01, 32));
        }
        events.add(run.finished(steps, "completed", null));
        return events;
    }
}
