package io.coxswain.agent.loop;

import java.nio.file.Path;

/** Checkpoint file names under a run's checkpoint directory: {@code step-000120.zip}, {@code final-step-000500.zip}. */
final class Checkpoints {
    private Checkpoints() {
    }

    static Path file(Path runDir, long step, boolean isFinal) {
        return runDir.resolve((isFinal ? "final-" : "") + String.format("step-%06d", step));
    }
}
