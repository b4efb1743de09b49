package io.coxswain.agent.resume;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.events.CheckpointLoaded;
import io.coxswain.protocol.events.CheckpointSaved;
import io.coxswain.protocol.events.CommandIgnored;
import io.coxswain.protocol.events.CommandRejected;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunFinished;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.events.TriggerFired;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunHistoryTest {
    private static final CommandSource ALICE = CommandSource.user("alice");

    private final List<EventEnvelope> events = new ArrayList<>();

    private void at(long step, RunEvent event) {
        long seq = events.size() + 1;
        events.add(new EventEnvelope(new EventHeader("e-" + seq, "r-1", "default", seq, step,
                Instant.parse("2026-11-22T10:00:00Z")), event));
    }

    private static StepCompleted step(double loss) {
        return new StepCompleted(0.1, 0.1, 32, 32, loss, 1.0, 0.001, 0.01, true, false, null);
    }

    private void publishedBeforeTheCheckpoint() {
        at(0, new RunStarted(Json.mapper().createObjectNode(), 42, "mlp-blobs", 10, List.of(), 0.5));
        at(1, step(0.9));
        at(1, new ParameterChanged("c-0", "learning_rate", DoubleNode.valueOf(0.001), DoubleNode.valueOf(0.002),
                ALICE));
        at(2, step(0.8));
        at(2, new CheckpointSaved("/c/r-1/step-000002", 100, false)); // seq 5: the checkpoint's lastSeq is 4
    }

    @Test
    void readsTheLossesAndTheAnswersPublishedAfterTheCheckpoint() {
        publishedBeforeTheCheckpoint();
        at(3, step(0.7));
        at(3, new TriggerFired("c-1", "evaluate", ALICE));
        at(3, new ParameterChanged("c-2", "batch_size", null, null, ALICE));
        at(4, step(0.6));
        at(4, new CommandIgnored("c-1", CommandIgnored.DUPLICATE));
        at(4, new CommandRejected(null, "unreadable record", null));
        at(4, new CommandRejected("c-3", "unknown parameter 'lr'", ALICE));

        RunHistory history = RunHistory.of(events, 4, 2);

        assertThat(history.lastSeq()).isEqualTo(12);
        assertThat(history.lastStep()).isEqualTo(4);
        assertThat(history.finished()).isNull();
        assertThat(history.losses()).isEqualTo(Map.of(3L, 0.7, 4L, 0.6));
        assertThat(history.answeredAt()).isEqualTo(Map.of("c-1", List.of(3L, 4L), "c-2", List.of(3L),
                "c-3", List.of(4L)));
        assertThat(history.idlessRejections()).containsExactly(4L);
    }

    @Test
    void aRunThatPublishedNothingAfterItsCheckpointEndsThere() {
        publishedBeforeTheCheckpoint();

        RunHistory history = RunHistory.of(events, 5, 2);

        assertThat(history).usingRecursiveComparison()
                .isEqualTo(RunHistory.empty(5, 2));
    }

    @Test
    void knowsARunThatFinished() {
        publishedBeforeTheCheckpoint();
        at(3, step(0.7));
        at(3, new RunFinished(RunFinished.STOPPED, "user alice (command c-9)"));

        RunHistory history = RunHistory.of(events, 4, 2);

        assertThat(history.finished()).isEqualTo(new RunFinished(RunFinished.STOPPED, "user alice (command c-9)"));
        assertThat(history.lastSeq()).isEqualTo(7);
    }

    @Test
    void theAnswersOfOneCommandsActionsStandForOneRecordAndItsDuplicateForAnother() {
        publishedBeforeTheCheckpoint();
        at(3, step(0.7));
        at(3, new CheckpointLoaded("c-1", "/c/r-a/step-000040", "r-a", 40, ALICE));
        at(3, new ParameterChanged("c-1", "learning_rate", null, null, ALICE));
        at(3, new TriggerFired("c-1", "checkpoint", ALICE));
        at(3, new CommandIgnored("c-1", CommandIgnored.DUPLICATE));
        at(3, new TriggerFired("c-2", "evaluate", ALICE));
        at(3, new TriggerFired("c-3", "evaluate", ALICE));

        RunHistory history = RunHistory.of(events, 4, 2);

        assertThat(history.answeredAt()).isEqualTo(Map.of("c-1", List.of(3L, 3L), "c-2", List.of(3L),
                "c-3", List.of(3L)));
    }
}
