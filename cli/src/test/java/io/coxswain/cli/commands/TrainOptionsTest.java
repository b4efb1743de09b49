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
}
