package io.coxswain.ledger.savings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.ledger.ingest.LedgerIngest;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerServers;
import io.coxswain.ledger.testing.RunScript;
import io.coxswain.ledger.testing.TestProducer;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Savings computed from events the real ingest stored in a real PostgreSQL: the facts read in SQL equal the facts
 * folded from the events as sent, the items equal the ones computed by hand, and a refresh replaces a run's rows.
 */
@ExtendWith(LedgerInfrastructure.class)
class SavingsStoreTest {
    private final Jdbi jdbi;
    private final LedgerQueries ledger;
    private final SavingsQueries savings;
    private final TestProducer producer;
    private final LedgerIngest ingest;

    SavingsStoreTest(LedgerServers servers) {
        this.jdbi = servers.jdbi();
        this.ledger = LedgerQueries.connect(servers.jdbcUrl());
        this.savings = SavingsQueries.connect(servers.jdbcUrl());
        this.producer = new TestProducer(servers.bootstrap());
        this.ingest = new LedgerIngest(servers.config("savings-test-" + UUID.randomUUID()), servers.jdbi());
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

    private void send(List<EventEnvelope> events) {
        events.forEach(e -> producer.send(Topics.RUN_EVENTS, e.runId(), e));
        String runId = events.get(0).runId();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(ledger.eventCount(runId)).isEqualTo(events.size()));
    }

    @Test
    void refreshStoresEachRunsItemsComputedFromItsStoredEvents() {
        String experiment = RunScript.uniqueRunId("exp-savings");
        String resumed = RunScript.uniqueRunId("savings-resumed");
        String epochs = RunScript.uniqueRunId("savings-epochs");
        List<EventEnvelope> resumedEvents = SavingsRuns.resumed(resumed, experiment);
        List<EventEnvelope> epochEvents = SavingsRuns.epochBounded(epochs, experiment);
        send(resumedEvents);
        send(epochEvents);

        assertThat(savings.facts(List.of(resumed, epochs)))
                .containsExactly(RunFactsFold.facts(resumedEvents), RunFactsFold.facts(epochEvents));

        List<SavingsItem> refreshed = jdbi.inTransaction(h -> SavingsStore.refresh(h,
                List.of(resumed, epochs, resumed + "-never-started")));

        List<SavingsItem> expected = new ArrayList<>(SavingsRuns.resumedItems(resumed, experiment));
        expected.addAll(SavingsRuns.epochBoundedItems(epochs, experiment));
        expected.sort(Comparator.comparing(SavingsItem::runId));
        assertThat(refreshed).isEqualTo(expected);
        assertThat(savings.storedItems(List.of(resumed, epochs))).isEqualTo(expected);
        assertThat(savings.items(List.of(epochs, resumed), SavingsSettings.defaults()))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(savings.runIdsOfExperiment(experiment)).containsExactlyInAnyOrder(resumed, epochs);
    }

    @Test
    void refreshReplacesARunsRowsAsItsEventsArrive() {
        String experiment = RunScript.uniqueRunId("exp-savings");
        String runId = RunScript.uniqueRunId("savings-growing");
        List<EventEnvelope> events = SavingsRuns.resumed(runId, experiment);
        send(events.subList(0, 10));
        List<SavingsItem> beforeResume = jdbi.withHandle(h -> SavingsStore.refresh(h, List.of(runId)));
        assertThat(beforeResume).extracting(SavingsItem::kind)
                .containsExactly(SavingsKind.LIVE_CHANGE, SavingsKind.CHECKPOINT_STORAGE);
        assertThat(savings.storedItems(List.of(runId))).isEqualTo(beforeResume);

        events.subList(10, events.size()).forEach(e -> producer.send(Topics.RUN_EVENTS, runId, e));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(ledger.eventCount(runId)).isEqualTo(events.size()));
        jdbi.useTransaction(h -> SavingsStore.refresh(h, List.of(runId)));

        assertThat(savings.storedItems(List.of(runId))).isEqualTo(SavingsRuns.resumedItems(runId, experiment));
    }

    @Test
    void suggestsExperimentsCloseToAnUnknownOne() {
        String experiment = RunScript.uniqueRunId("exp-suggest");
        send(SavingsRuns.epochBounded(RunScript.uniqueRunId("savings-suggest"), experiment));

        assertThat(savings.runIdsOfExperiment(experiment + "x")).isEmpty();
        assertThat(savings.similarExperimentIds(experiment + "x", 5)).containsExactly(experiment);
        assertThat(savings.similarExperimentIds(experiment.substring(0, experiment.length() - 2), 5))
                .contains(experiment);
    }
}
