package io.coxswain.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.ledger.query.CheckpointRow;
import io.coxswain.ledger.query.ProjectionReads;
import io.coxswain.ledger.query.RuleSetLoadRow;
import io.coxswain.ledger.testing.LedgerInfrastructure;
import io.coxswain.ledger.testing.LedgerServers;
import io.coxswain.ledger.testing.RunScript;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.CheckpointDeleted;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RuleSetLoaded;
import io.coxswain.protocol.events.RuleSetRejected;
import io.coxswain.protocol.events.RuleSetRemoved;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.topics.Topics;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@code checkpoints} and {@code rule_set_loads} projections and the runs' tags, written through the batch writer. */
@ExtendWith(LedgerInfrastructure.class)
class CheckpointRuleSetAndTagProjectionTest {
    private final TestBatches batches;
    private final ProjectionReads reads;
    private final String runId = RunScript.uniqueRunId("checkpoints");
    private final RunScript run = new RunScript(runId);

    CheckpointRuleSetAndTagProjectionTest(LedgerServers servers) {
        this.batches = new TestBatches(servers.jdbi(), "checkpoint-projection-test-" + UUID.randomUUID());
        this.reads = servers.jdbi().onDemand(ProjectionReads.class);
    }

    @Test
    void keepsEachCheckpointsLatestSaveAndMarksTheDeletedOnes() {
        String first = "/ckpt/" + runId + "/step-100";
        String last = "/ckpt/" + runId + "/step-200";
        EventEnvelope savedFirst = run.event(100, new CheckpointSaved(first, 4096, false));
        EventEnvelope savedLast = run.event(200, new CheckpointSaved(last, 8192, true));
        EventEnvelope deletedFirst = run.event(200, new CheckpointDeleted(first, 4096, "save_total_limit 1"));

        batches.write(savedFirst, savedLast);
        batches.write(deletedFirst);

        assertThat(reads.checkpoints(runId)).containsExactly(
                new CheckpointRow(runId, first, 100L, 4096L, false, savedFirst.header().time(), true,
                        deletedFirst.header().time(), "save_total_limit 1", 4096L),
                new CheckpointRow(runId, last, 200L, 8192L, true, savedLast.header().time(), false, null, null,
                        null));
    }

    @Test
    void aCheckpointSavedAgainAfterItsDeletionIsThereWhicheverEventArrivesFirst() {
        String path = "/ckpt/" + runId + "/latest";
        EventEnvelope saved = run.event(10, new CheckpointSaved(path, 100, false));
        EventEnvelope deleted = run.event(20, new CheckpointDeleted(path, 100, "replaced"));
        EventEnvelope savedAgain = run.event(20, new CheckpointSaved(path, 120, false));

        batches.write(savedAgain);
        batches.write(deleted, saved);

        assertThat(reads.checkpoints(runId)).containsExactly(new CheckpointRow(runId, path, 20L, 120L, false,
                savedAgain.header().time(), false, deleted.header().time(), "replaced", 100L));
    }

    @Test
    void recordsEveryLoadRejectionAndRemovalOfARuleSetUnderItsPseudoRun() {
        String name = "plateau-" + UUID.randomUUID().toString().substring(0, 8);
        RunScript rules = new RunScript(Topics.rulesRunId(name));
        ObjectNode scope = Json.mapper().createObjectNode();
        scope.putArray("experiments").add("exp-1");
        EventEnvelope loaded = rules.event(0, new RuleSetLoaded(name, "v1", null, List.of("lr-decay"), scope));
        EventEnvelope rejected = rules.event(0, new RuleSetRejected(name, "v2", "line 3, column 9: unknown metric"));
        EventEnvelope removed = rules.event(0, new RuleSetRemoved(name, "v1"));

        batches.write(loaded, rejected);
        batches.write(removed);

        String pseudoRun = Topics.rulesRunId(name);
        assertThat(reads.ruleSetLoads(name)).containsExactly(
                new RuleSetLoadRow(loaded.header().eventId(), pseudoRun, name, "loaded", "v1", null,
                        Json.mapper().createArrayNode().add("lr-decay"), scope, null, loaded.header().time()),
                new RuleSetLoadRow(rejected.header().eventId(), pseudoRun, name, "rejected", "v2", null, null, null,
                        "line 3, column 9: unknown metric", rejected.header().time()),
                new RuleSetLoadRow(removed.header().eventId(), pseudoRun, name, "removed", null, "v1", null, null,
                        null, removed.header().time()));
        assertThat(reads.allRuleSetLoads()).extracting(RuleSetLoadRow::eventId)
                .contains(loaded.header().eventId(), removed.header().eventId());
    }

    @Test
    void keepsTheRunsTagsInOrderAndFindsTheRunsOfATag() {
        String tag = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode config = RunScript.config();
        config.putArray("tags").add("pbt").add(tag);
        String untagged = RunScript.uniqueRunId("untagged");

        batches.write(run.event(0, new RunStarted(config, 1, "mlp", 10, List.of(), 1.0)),
                new RunScript(untagged).started());

        assertThat(reads.tags(runId)).containsExactly("pbt", tag);
        assertThat(reads.tags(untagged)).isEmpty();
        assertThat(reads.runsTagged(tag)).containsExactly(runId);
    }
}
