package io.coxswain.ledger.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.coxswain.ledger.LedgerConfig;
import io.coxswain.ledger.store.EventStore;
import io.coxswain.ledger.store.NewEvent;
import io.coxswain.ledger.ingest.LedgerIngest;
import io.coxswain.ledger.query.CheckpointRow;
import io.coxswain.ledger.query.CommandRow;
import io.coxswain.ledger.query.InterventionRow;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.query.ProjectionReads;
import io.coxswain.ledger.query.RuleSetLoadRow;
import io.coxswain.ledger.query.RunSummary;
import io.coxswain.ledger.store.StoredOffset;
import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerServers;
import io.coxswain.ledger.testing.MixedRuns;
import io.coxswain.ledger.testing.ProjectionSnapshot;
import io.coxswain.ledger.testing.RunScript;
import io.coxswain.ledger.testing.ScratchDatabase;
import io.coxswain.ledger.testing.TestProducer;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ProjectionRebuild} against a ledger filled by the real ingest from Kafka: the rebuilt projections equal,
 * row for row, what the live ingest left; a stored row it cannot read, or a database it cannot reach, fails the
 * rebuild with the reason and changes nothing.
 */
@ExtendWith(LedgerInfrastructure.class)
class ProjectionRebuildTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int CHUNK = 5;

    private final LedgerServers servers;

    ProjectionRebuildTest(LedgerServers servers) {
        this.servers = servers;
    }

    @Test
    void rebuildsEveryProjectionRowForRowAsTheLiveIngestLeftIt() {
        MixedRuns story = MixedRuns.of(RunScript.uniqueRunId("rebuild"));
        try (ScratchDatabase db = servers.scratchDatabase()) {
            ingest(story, db);
            ProjectionSnapshot live = ProjectionSnapshot.of(db.jdbi());
            assertTheStoryIsProjected(story, db.jdbi());
            assertThat(live.rows().get("savings")).as("the story's stop and live changes saved something")
                    .anyMatch(r -> r.contains("\"kind\": \"early_stop\""))
                    .anyMatch(r -> r.contains("\"kind\": \"live_change\""));
            db.jdbi().useHandle(h -> h.execute("DELETE FROM commands; DELETE FROM checkpoints; DELETE FROM savings; "
                    + "UPDATE runs SET status = 'running', tags = NULL"));

            RecordedProgress progress = new RecordedProgress();
            RebuildSummary summary = new ProjectionRebuild(db.jdbi(), "the scratch ledger", CHUNK).run(progress);

            assertThat(ProjectionSnapshot.of(db.jdbi())).isEqualTo(live);
            long stored = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM events")
                    .mapTo(Long.class).one());
            assertThat(summary.events()).isEqualTo(stored);
            assertThat(summary.chunks()).isEqualTo((stored + CHUNK - 1) / CHUNK);
            assertThat(summary.rows()).containsExactlyEntriesOf(live.counts());
            assertThat(progress.calls).first().isEqualTo("started " + stored);
            assertThat(progress.calls).last().isEqualTo("replayed " + stored);
            assertThat(progress.calls).hasSize(1 + (int) summary.chunks());
        }
    }

    @Test
    void failsNamingTheStoredRowItCannotReadAndChangesNothing() {
        MixedRuns story = MixedRuns.of(RunScript.uniqueRunId("unreadable"));
        try (ScratchDatabase db = servers.scratchDatabase()) {
            ingest(story, db);
            ProjectionSnapshot before = ProjectionSnapshot.of(db.jdbi());
            String badId = "bad-" + UUID.randomUUID();
            // stored through the ledger's own append (the database refuses a row that does not extend its chain)
            long ledgerId = db.jdbi().inTransaction(h -> {
                h.attach(EventStore.class).appendNew(List.of(new NewEvent(badId, "run-x", null, "StepCompleted",
                        null, null, Instant.parse("2026-11-23T07:00:00Z"), "{\"v\": 1, \"type\": \"StepCompleted\"}",
                        null, "x", 0, 0)));
                return h.createQuery("SELECT id FROM events WHERE event_id = :id").bind("id", badId)
                        .mapTo(Long.class).one();
            });

            assertThatThrownBy(() -> new ProjectionRebuild(db.jdbi(), "the scratch ledger", CHUNK)
                    .run(RebuildProgress.NONE))
                    .isInstanceOf(ProjectionRebuildException.class)
                    .hasMessage("cannot rebuild the projections at the scratch ledger: the stored StepCompleted "
                            + badId + " (ledger id " + ledgerId + ") cannot be read: missing field 'eventId';"
                            + " nothing was changed");
            assertThat(ProjectionSnapshot.of(db.jdbi())).isEqualTo(before);
        }
    }

    @Test
    void namesTheDatabaseItCannotReachWithoutItsPassword() {
        ProjectionRebuild rebuild = ProjectionRebuild.connect(
                "jdbc:postgresql://127.0.0.1:1/none?password=secret&connectTimeout=2");

        assertThatThrownBy(() -> rebuild.run(RebuildProgress.NONE))
                .isInstanceOf(ProjectionRebuildException.class)
                .hasMessageStartingWith("cannot rebuild the projections at jdbc:postgresql://127.0.0.1:1/none?...: ")
                .hasMessageEndingWith("; nothing was changed")
                .hasMessageNotContaining("secret");
    }

    /** Sends the story to Kafka and waits until the real ingest has stored all of both topics in {@code db}. */
    private void ingest(MixedRuns story, ScratchDatabase db) {
        LedgerConfig config = LedgerConfig.defaults(servers.bootstrap(), db.jdbcUrl())
                .withGroupId("rebuild-test-" + UUID.randomUUID())
                .withPollTimeout(Duration.ofMillis(100))
                .withMaxBackoff(Duration.ofMillis(500))
                .withBatchSize(7);
        try (LedgerIngest ingest = new LedgerIngest(config, db.jdbi());
             TestProducer producer = new TestProducer(servers.bootstrap())) {
            assertThat(ingest.start()).isTrue();
            for (Object message : story.arrival()) {
                if (message instanceof EventEnvelope event) {
                    producer.send(Topics.RUN_EVENTS, event.runId(), event);
                } else {
                    ControlCommand command = (ControlCommand) message;
                    producer.send(Topics.CONTROL, command.runId(), command);
                }
            }
            List<StoredOffset> ends = servers.endOffsets();
            await().atMost(WAIT).untilAsserted(() -> assertThat(storedOffsets(db.jdbi())).isEqualTo(ends));
        }
    }

    private static List<StoredOffset> storedOffsets(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT topic, partition, next_offset FROM consumer_offsets ORDER BY topic, partition""")
                .map((rs, ctx) -> new StoredOffset(rs.getString(1), rs.getInt(2), rs.getLong(3))).list());
    }

    /** What the live ingest made of the story, before any rebuild: the rebuild must not be compared with nothing. */
    private static void assertTheStoryIsProjected(MixedRuns story, Jdbi jdbi) {
        ProjectionReads reads = jdbi.onDemand(ProjectionReads.class);
        LedgerQueries queries = new LedgerQueries(jdbi);
        String a = story.runIds().get(0);
        String b = story.runIds().get(1);
        String c = story.runIds().get(2);
        RunSummary runA = queries.run(a).orElseThrow();
        assertThat(runA.finishReason()).isEqualTo("stopped");
        assertThat(reads.tags(a)).containsExactly("pbt", "baseline");
        assertThat(reads.commands(a)).extracting(CommandRow::outcome)
                .containsExactly("applied", "applied", "rejected", "applied", "pending");
        assertThat(reads.interventions(a)).extracting(InterventionRow::controller, InterventionRow::outcome)
                .containsExactly(tuple("lr-decay", "applied"),
                        tuple("stop", "applied"));
        assertThat(reads.checkpoints(a)).extracting(CheckpointRow::step, CheckpointRow::deleted)
                .containsExactly(tuple(8L, true),
                        tuple(10L, false),
                        tuple(10L, false));
        assertThat(reads.commands(b)).extracting(CommandRow::outcome, row -> row.issuedAt() != null)
                .containsExactly(tuple("applied", true),
                        tuple("applied", true));
        assertThat(reads.commands(c)).extracting(CommandRow::outcome, CommandRow::outcomeDetail)
                .containsExactlyInAnyOrder(tuple("applied", null),
                        tuple("ignored", "no-op"));
        assertThat(reads.ruleSetLoads(story.ruleSetName())).extracting(RuleSetLoadRow::outcome)
                .containsExactly("loaded", "rejected", "loaded", "removed");
    }

    /** The progress calls, as text. */
    private static final class RecordedProgress implements RebuildProgress {
        private final List<String> calls = new ArrayList<>();

        @Override
        public void started(long events) {
            calls.add("started " + events);
        }

        @Override
        public void replayed(long replayed) {
            calls.add("replayed " + replayed);
        }
    }
}
