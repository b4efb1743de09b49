package io.coxswain.agent.resume;

import io.coxswain.agent.checkpoint.AgentCheckpoint;
import io.coxswain.agent.checkpoint.CheckpointStore;
import io.coxswain.agent.checkpoint.SavedCheckpoint;
import io.coxswain.agent.config.ConfigJson;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.agent.replay.ScheduledChanges;
import io.coxswain.protocol.events.RunFinished;
import java.nio.file.Path;

/**
 * Finds where a run can resume: its latest complete checkpoint under {@code checkpointDir/runId}, the configuration
 * recorded in it, and what the run published after it. A run whose latest checkpoint is its final one, or that
 * published RunFinished completed or stopped, has nothing to resume; a run that failed (e.g. its disk filled up) can
 * be resumed from its last checkpoint once the cause is fixed.
 */
public final class Resumer {
    private Resumer() {
    }

    /** A run to resume: its recorded configuration, the schedule it follows, and where it continues from. */
    public record Resumable(TrainingConfig config, ScheduledChanges schedule, ResumePoint point) {
    }

    /** Reads the run's latest checkpoint; {@code history} reads what it published after it. */
    public static Resumable prepare(Path checkpointDir, String runId, HistorySource history) {
        CheckpointStore store = new CheckpointStore(checkpointDir.resolve(runId));
        SavedCheckpoint latest = store.latest().orElseThrow(() -> new ResumeException("run " + runId
                + " has no checkpoint under " + store.runDir() + " to resume from"));
        AgentCheckpoint state = store.readState(latest);
        if (latest.isFinal()) {
            throw new ResumeException("run " + runId + " already finished: its final checkpoint (step "
                    + latest.step() + ") is " + latest.dir());
        }
        TrainingConfig config = ConfigJson.read(state.config());
        RunHistory published = history.read(runId, state);
        if (published.finished() != null && !RunFinished.FAILED.equals(published.finished().reason())) {
            throw new ResumeException("run " + runId + " already finished (" + published.finished().reason()
                    + (published.finished().detail() == null ? "" : ": " + published.finished().detail()) + ")");
        }
        return new Resumable(config, ScheduledChanges.fromJson(state.schedule()),
                new ResumePoint(latest, state, published));
    }

    /** Where the events a run published after a checkpoint come from (Kafka, or a test's recording). */
    @FunctionalInterface
    public interface HistorySource {
        RunHistory read(String runId, AgentCheckpoint after);

        static HistorySource kafka(String bootstrap) {
            return (runId, after) -> KafkaRunHistory.read(bootstrap, runId, after.lastSeq(), after.step(),
                    after.savedAt());
        }
    }
}
