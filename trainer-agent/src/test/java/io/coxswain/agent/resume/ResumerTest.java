package io.coxswain.agent.resume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.agent.checkpoint.AgentCheckpoint;
import io.coxswain.agent.checkpoint.CheckpointStore;
import io.coxswain.agent.checkpoint.SavedCheckpoint;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.protocol.events.RunFinished;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumerTest {
    @TempDir
    Path checkpoints;

    private TrainingConfig config() {
        return TrainingConfig.builder("r-1").maxSteps(50).checkpointDir(checkpoints).build();
    }

    private SavedCheckpoint checkpoint(long step, boolean isFinal) {
        AgentCheckpoint state = new AgentCheckpoint(step, config().toJson(), null, Map.of(), List.of(), false, -1,
                false, 0, 32, 32, 10, Instant.parse("2026-11-22T10:00:00Z"), null);
        return new CheckpointStore(checkpoints.resolve("r-1")).write(state, isFinal, dir -> 0);
    }

    private static Resumer.HistorySource nothingAfter() {
        return (runId, after) -> RunHistory.of(List.of(), after.lastSeq(), after.step());
    }

    @Test
    void resumesFromTheLatestCheckpointWithTheConfigurationRecordedThere() {
        checkpoint(10, false);
        SavedCheckpoint latest = checkpoint(20, false);

        Resumer.Resumable resumable = Resumer.prepare(checkpoints, "r-1", nothingAfter());

        assertThat(resumable.config()).isEqualTo(config());
        assertThat(resumable.point().checkpoint()).isEqualTo(latest);
        assertThat(resumable.point().state().step()).isEqualTo(20);
        assertThat(resumable.point().history()).usingRecursiveComparison().isEqualTo(RunHistory.empty(10, 20));
    }

    @Test
    void refusesARunWithoutACheckpoint() {
        assertThatThrownBy(() -> Resumer.prepare(checkpoints, "r-1", nothingAfter()))
                .isInstanceOf(ResumeException.class)
                .hasMessage("run r-1 has no checkpoint under " + checkpoints.resolve("r-1").toAbsolutePath()
                        + " to resume from");
    }

    @Test
    void refusesARunWhoseLatestCheckpointIsItsFinalOne() {
        checkpoint(20, false);
        SavedCheckpoint last = checkpoint(20, true);

        assertThatThrownBy(() -> Resumer.prepare(checkpoints, "r-1", nothingAfter()))
                .isInstanceOf(ResumeException.class)
                .hasMessage("run r-1 already finished: its final checkpoint (step 20) is " + last.dir());
    }

    @Test
    void refusesARunThatPublishedItsEnd() {
        checkpoint(20, false);
        RunFinished end = new RunFinished(RunFinished.STOPPED, "user alice (command c-9)");

        assertThatThrownBy(() -> Resumer.prepare(checkpoints, "r-1",
                (runId, after) -> new RunHistory(11, 20, end, Map.of(), Map.of(), new ArrayDeque<>())))
                .isInstanceOf(ResumeException.class)
                .hasMessage("run r-1 already finished (stopped: user alice (command c-9))");
    }

    @Test
    void resumesARunThatFailedFromItsLastCheckpoint() {
        checkpoint(20, false);
        RunFinished failed = new RunFinished(RunFinished.FAILED, "CheckpointException: disk full (at step 23)");

        Resumer.Resumable resumable = Resumer.prepare(checkpoints, "r-1",
                (runId, after) -> new RunHistory(11, 23, failed, Map.of(), Map.of(), new ArrayDeque<>()));

        assertThat(resumable.point().checkpoint().step()).isEqualTo(20);
        assertThat(resumable.point().history().finished()).isEqualTo(failed);
    }
}
