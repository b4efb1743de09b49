package io.coxswain.ledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.ledger.testing.RunScript;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.CheckpointDeleted;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.RuleSetLoaded;
import io.coxswain.protocol.events.RuleSetRejected;
import io.coxswain.protocol.events.RuleSetRemoved;
import io.coxswain.protocol.events.RunPaused;
import io.coxswain.protocol.events.StateLogged;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given stored checkpoint and rule set events, expect the whole plan. */
class ProjectorCheckpointsAndRuleSetsTest {
    private final RunScript run = new RunScript("run-a");
    private final RunScript rules = new RunScript("rules:plateau");

    @Test
    void turnsSavedAndDeletedCheckpointsIntoChangesOfTheirRunsFiles() {
        EventEnvelope saved = run.event(100, new CheckpointSaved("/ckpt/run-a/step-100", 4096, false));
        EventEnvelope last = run.event(200, new CheckpointSaved("/ckpt/run-a/step-200", 8192, true));
        EventEnvelope deleted = run.event(200, new CheckpointDeleted("/ckpt/run-a/step-100", 4096,
                "save_total_limit 1"));

        ProjectionPlan plan = Projector.plan(List.of(saved, last, deleted), List.of());

        assertThat(plan).isEqualTo(new ProjectionPlan(List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(
                new CheckpointChange.Saved("run-a", "/ckpt/run-a/step-100", saved.header().eventId(), 100, 4096,
                        false, saved.header().time()),
                new CheckpointChange.Saved("run-a", "/ckpt/run-a/step-200", last.header().eventId(), 200, 8192,
                        true, last.header().time()),
                new CheckpointChange.Deleted("run-a", "/ckpt/run-a/step-100", deleted.header().eventId(), 200,
                        4096, "save_total_limit 1", deleted.header().time())),
                List.of()));
    }

    @Test
    void recordsEveryLoadRejectionAndRemovalOfARuleSet() {
        ObjectNode scope = Json.mapper().createObjectNode();
        scope.putArray("tags").add("sweep");
        EventEnvelope loaded = rules.event(0, new RuleSetLoaded("plateau", "v2", "v1", List.of("lr-decay", "stop"),
                scope));
        EventEnvelope rejected = rules.event(0, new RuleSetRejected("plateau", "v3",
                "controller lr-decay: unknown metric 'loss_avg' at line 4, column 12"));
        EventEnvelope removed = rules.event(0, new RuleSetRemoved("plateau", "v2"));

        ProjectionPlan plan = Projector.plan(List.of(loaded, rejected, removed), List.of());

        assertThat(plan).isEqualTo(new ProjectionPlan(List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(
                new RuleSetChange(loaded.header().eventId(), "rules:plateau", "plateau", RuleSetChange.LOADED, "v2",
                        "v1", Json.mapper().createArrayNode().add("lr-decay").add("stop"), scope, null,
                        loaded.header().time()),
                new RuleSetChange(rejected.header().eventId(), "rules:plateau", "plateau", RuleSetChange.REJECTED,
                        "v3", null, null, null, "controller lr-decay: unknown metric 'loss_avg' at line 4, column 12",
                        rejected.header().time()),
                new RuleSetChange(removed.header().eventId(), "rules:plateau", "plateau", RuleSetChange.REMOVED,
                        null, "v2", null, null, null, removed.header().time()))));
    }

    @Test
    void leavesEventsThatNamingACommandDoNotAnswerItOutOfThePlan() {
        EventEnvelope logged = run.event(5, new StateLogged("cmd-9", Json.mapper().createObjectNode()));
        EventEnvelope paused = run.event(5, new RunPaused("cmd-10", null));

        assertThat(Projector.plan(List.of(logged, paused), List.of())).isEqualTo(new ProjectionPlan(List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    }
}
