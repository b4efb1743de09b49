package io.coxswain.agent.resume;

import io.coxswain.agent.checkpoint.AgentCheckpoint;
import io.coxswain.agent.checkpoint.SavedCheckpoint;

/** Where a resumed run starts: the checkpoint on disk, the agent state in it, and what the run published after it. */
public record ResumePoint(SavedCheckpoint checkpoint, AgentCheckpoint state, RunHistory history) {
}
