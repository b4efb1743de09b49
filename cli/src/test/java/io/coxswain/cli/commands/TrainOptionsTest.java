package io.coxswain.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.cli.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainOptionsTest {
    @TempDir
    Path dir;

    private static TrainOptions parse(String... args) {
        TrainOptions options = new TrainOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void eachTagFlagIsAppendedToTheTagsOfTheConfigurationFile() throws Exception {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, "run_id: r-1\ntags: [baseline]\n");

        assertThat(parse("--config", file.toString(), "--tag", "pbt", "--tag", "lr-sweep").config(dir).tags())
                .containsExactly("baseline", "pbt", "lr-sweep");
        assertThat(parse("--run-id", "r-2", "--tag", "pbt").config(dir).tags()).containsExactly("pbt");
        assertThat(parse("--run-id", "r-3").config(dir).tags()).isEmpty();
    }

    @Test
    void aBlankTagIsAUsageErrorAndResumeTakesNoTags() {
        assertThatThrownBy(() -> parse("--run-id", "r-1", "--tag", " ").config(dir))
                .isInstanceOf(CliException.class).hasMessageContaining("tags[0] must not be blank");
        assertThatThrownBy(() -> parse("--run-id", "r-1", "--resume", "--tag", "pbt").resumeRunId())
                .isInstanceOf(CliException.class).hasMessageContaining("leave out --config, --set and the training"
                        + " flags");
    }

    @Test
    void aScheduleFileThatDoesNotReadIsAUsageErrorAndResumeTakesNone() throws Exception {
        Path file = dir.resolve("schedule.yaml");
        Files.writeString(file, "entries:\n  - {step: 1.5, trigger: checkpoint}\n");

        assertThatThrownBy(() -> parse("--run-id", "r-1", "--schedule", file.toString()).schedule())
                .isInstanceOf(CliException.class)
                .hasMessage("invalid control schedule " + file + " (1 problem): entries[0] (line 2): step must be a"
                        + " whole number >= 0, got number 1.5")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(2));
        assertThatThrownBy(() -> parse("--run-id", "r-1", "--resume", "--schedule", file.toString()).resumeRunId())
                .isInstanceOf(CliException.class).hasMessageContaining("leave out --schedule");
        assertThat(parse("--run-id", "r-1").schedule()).isEmpty();
    }
}
