package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real command-line client (kcat, psql) run as a separate process. Missing tools skip the test on a developer's
 * machine but fail it in CI (CI=true), where .ci/run installs them.
 */
final class ExternalTool {
    private ExternalTool() {
    }

    static void require(String tool) {
        boolean present = System.getenv("PATH") != null && List.of(System.getenv("PATH").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as(tool + " must be installed in CI (.ci/run installs it)").isTrue();
        }
        Assumptions.assumeTrue(present, tool + " is not installed (apt-get install " + tool + ")");
    }

    /** Runs {@code command} with {@code input} on stdin; returns stdout, failing on a non-zero exit or a hang. */
    static String run(List<String> command, String input) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        boolean exited = p.waitFor(30, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            p.destroyForcibly();
        }
        assertThat(exited).as(command + " finished within 30 s; output: " + output).isTrue();
        assertThat(p.exitValue()).as(command + " exit code; output: " + output).isZero();
        return output;
    }
}
