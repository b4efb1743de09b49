package io.coxswain.agent.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.agent.config.TrainingConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleCheckTest {
    @TempDir
    Path checkpoints;

    private static final String LIVE = "learning_rate, batch_size, weight_decay, max_grad_norm, logging_steps,"
            + " eval_steps, save_steps, sample_loss_steps";

    private TrainingConfig run(String workload) {
        return TrainingConfig.builder("r-2").workload(workload).checkpointDir(checkpoints).build();
    }

    @Test
    void acceptsWhatTheRunDeclaresWithValuesItWouldAccept() {
        LoadedSchedule schedule = ScheduleYaml.read("""
                entries:
                  - {step: 0, set: {learning_rate: 0.01, batch_size: 64, mix.noisy: 0.5}}
                  - {step: 5, trigger: [checkpoint, stop]}
                """, "mix.yaml");

        assertThat(ScheduleCheck.problems(schedule, run("mlp-mixture"))).isEmpty();
    }

    @Test
    void namesEachParameterTheRunDoesNotDeclareOrAValueItWouldReject() {
        LoadedSchedule schedule = ScheduleYaml.read("""
                entries:
                  - step: 3
                    set: {learnin_rate: 0.01, mix.noisy: 0.5}
                  - step: 7
                    set: {seed: 3, learning_rate: -1, batch_size: "64"}
                  - step: 9
                    load_checkpoint: {path: %s}
                """.formatted(checkpoints.resolve("gone/step-000100")), "recipe.yaml");

        assertThatThrownBy(() -> ScheduleCheck.require(schedule, run("mlp-blobs")))
                .isInstanceOf(InvalidScheduleException.class)
                .satisfies(e -> assertThat(((InvalidScheduleException) e).problems()).containsExactly(
                        "entries[0] (line 2): set.learnin_rate: unknown parameter 'learnin_rate' (live parameters of"
                                + " this run: " + LIVE + ")",
                        "entries[0] (line 2): set.mix.noisy: unknown parameter 'mix.noisy' (live parameters of this"
                                + " run: " + LIVE + ")",
                        "entries[1] (line 4): set.seed: is fixed while the run trains (live parameters: " + LIVE + ")",
                        "entries[1] (line 4): set.learning_rate: learning_rate must be > 0 and <= 10, got -1",
                        "entries[1] (line 4): set.batch_size: batch_size must be an integer, got string \"64\"",
                        "entries[2] (line 6): load_checkpoint.path: cannot load "
                                + checkpoints.resolve("gone/step-000100") + ": no such directory on this machine"
                                + " (checkpoint paths are local paths)"))
                .hasMessageStartingWith("invalid control schedule recipe.yaml for run r-2 (6 problems): ");
    }
}
