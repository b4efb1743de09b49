package io.coxswain.ledger.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.ledger.ingest.LedgerIngest;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerServers;
import io.coxswain.ledger.testing.RunScript;
import io.coxswain.ledger.testing.TestProducer;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.schedule.ControlSchedule;
import io.coxswain.protocol.schedule.ScheduleEntry;
import io.coxswain.protocol.schedule.ScheduleOrigin;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A run's recipe and losses read back from stored events: the losses bit for bit, as the agent published them. */
@ExtendWith(LedgerInfrastructure.class)
class RecipeQueryTest {
    private final RecipeQuery recipes;
    private final TestProducer producer;
    private final LedgerIngest ingest;
    private final LedgerQueries queries;

    RecipeQueryTest(LedgerServers servers) {
        this.recipes = RecipeQuery.connect(servers.jdbcUrl());
        this.queries = LedgerQueries.connect(servers.jdbcUrl());
        this.producer = new TestProducer(servers.bootstrap());
        this.ingest = new LedgerIngest(servers.config("recipe-test-" + UUID.randomUUID()), servers.jdbi());
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
    void readsTheScheduleOfAppliedCommandsAndTheLossesExactly() {
        String runId = RunScript.uniqueRunId("recipe");
        RunScript run = new RunScript(runId);
        CommandSource ana = CommandSource.user("ana");
        double[] losses = {2.302585092994046, 0.30000000000000004, 1.0E-300, 123456.78901234567, 4.9E-324};
        List<EventEnvelope> events = List.of(run.started(),
                run.step(1, losses[0], 0.01, 32), run.step(2, losses[1], 0.01, 32),
                run.parameterChanged(2, "c-1", "learning_rate", DoubleNode.valueOf(0.01), DoubleNode.valueOf(0.005),
                        ana),
                run.step(3, losses[2], 0.005, 32), run.step(4, losses[3], 0.005, 32),
                run.step(5, losses[4], 0.005, 32), run.finished(5, RunFinished.COMPLETED, "completed 5 of 5 steps"));
        events.forEach(e -> producer.send(Topics.RUN_EVENTS, runId, e));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(queries.eventCount(runId)).isEqualTo(events.size()));

        RunRecipe recipe = recipes.recipe(runId).orElseThrow();

        assertThat(recipe).isEqualTo(new RunRecipe(runId, RunScript.config(), RunScript.SEED, RunScript.WORKLOAD,
                RunScript.PLANNED_STEPS, new ControlSchedule(runId, List.of(new ScheduleEntry(2,
                List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.005))),
                new ScheduleOrigin("c-1", SourceKind.USER, "ana", null)))), 5,
                new RunFinished(RunFinished.COMPLETED, "completed 5 of 5 steps")));
        assertThat(recipes.losses(runId)).isEqualTo(new TreeMap<>(Map.of(1L, losses[0], 2L, losses[1],
                3L, losses[2], 4L, losses[3], 5L, losses[4])));
        assertThat(recipes.recipe(runId + "-unknown")).isEmpty();
        assertThat(recipes.losses(runId + "-unknown")).isEmpty();
    }
}
