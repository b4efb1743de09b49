package io.coxswain.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code cox} in a JVM of its own, on this test JVM's class path, as a person starts it from a shell; its output goes
 * to a file named after it, for failure messages. Closing kills it if it still runs (a test that failed early).
 */
final class CoxProcess implements AutoCloseable {
    private final Process process;
    private final Path output;

    private CoxProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static CoxProcess start(Path outputDir, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "io.coxswain.cli.Cox"));
        command.addAll(List.of(args));
        Files.createDirectories(outputDir);
        Path output = outputDir.resolve(name + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        return new CoxProcess(process, output);
    }

    /** Kills the JVM at once, as {@code kill -9} does: no shutdown hook, no final checkpoint, nothing flushed. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /** Waits for the process to exit and returns its exit code; kills it and fails after {@code seconds}. */
    int awaitExit(long seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("cox did not exit within " + seconds + " s; its output:\n" + output());
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
