package io.coxswain.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code cox} in a JVM of its own on this JVM's class path, started as from a shell; output to a file. */
final class CoxChild {
    private final Process process;
    private final long startedNanos;

    private CoxChild(Process process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
    }

    static CoxChild start(Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "io.coxswain.cli.Cox"));
        command.addAll(List.of(args));
        Files.createDirectories(output.toAbsolutePath().getParent());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        return new CoxChild(process, started);
    }

    /** {@link System#nanoTime()} right before the process was started. */
    long startedNanos() {
        return startedNanos;
    }

    /** SIGKILL: nothing flushed, no final checkpoint. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM: cox stops the run gracefully (final checkpoint, RunFinished stopped); SIGKILL after 60 s. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
