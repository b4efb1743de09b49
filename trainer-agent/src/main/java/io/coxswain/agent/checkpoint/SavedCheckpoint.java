package io.coxswain.agent.checkpoint;

import java.nio.file.Path;

/** A complete checkpoint on disk: its directory, step, whether it is the run's final one, and its size. */
public record SavedCheckpoint(Path dir, long step, boolean isFinal, long bytes) {
}
