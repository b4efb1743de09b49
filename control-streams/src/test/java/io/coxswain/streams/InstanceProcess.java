package io.coxswain.streams;

import static org.awaitility.Awaitility.await;

import io.coxswain.streams.config.ControlStreamsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ControlStreamsApp} in a JVM of its own, on this test JVM's class path, so that a test can kill it as
 * {@code kill -9} does: no close, no last commit, its open transaction left to the broker. Kafka Streams has no such
 * kill inside one JVM ({@code close(Duration.ZERO)} only stops waiting: the stream threads still commit). Its output
 * goes to a file, for failure messages; it stops by itself when the test JVM ends (its stdin closes).
 */
final class InstanceProcess implements AutoCloseable {
    private static final String RUNNING = "control-streams instance is running";

    private final Process process;
    private final Path output;

    private InstanceProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts an instance with {@code config}'s id, state directory, commit interval and session timeout. */
    static InstanceProcess start(ControlStreamsConfig config, Path output) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), InstanceProcess.class.getName(),
                config.bootstrapServers(), config.applicationId(), config.stateDir().toString(),
                String.valueOf(config.commitInterval().toMillis()), String.valueOf(config.sessionTimeout().toMillis()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        return new InstanceProcess(process, output);
    }

    /** Waits until the instance reports RUNNING; fails with its output when it exits or takes longer than that. */
    void awaitRunning(Duration timeout) throws IOException, InterruptedException {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the instance in a JVM of its own exited with " + process.exitValue()
                        + " before it was RUNNING; its output:\n" + output());
            }
            return output().contains(RUNNING);
        });
    }

    /** Kills the JVM at once (SIGKILL) and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the killed instance's JVM " + process.pid() + " did not exit within 10 s");
        }
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

    /**
     * The instance's JVM: {@code bootstrap applicationId stateDir commitIntervalMs sessionTimeoutMs}; runs until its
     * stdin closes.
     */
    public static void main(String[] args) throws IOException {
        ControlStreamsConfig config = ControlStreamsConfig.defaults(args[0]).withApplicationId(args[1])
                .withStateDir(Path.of(args[2])).withCommitInterval(Duration.ofMillis(Long.parseLong(args[3])))
                .withSessionTimeout(Duration.ofMillis(Long.parseLong(args[4])));
        try (ControlStreamsApp app = new ControlStreamsApp(config)) {
            app.start();
            System.out.println(RUNNING);
            System.out.flush();
            while (System.in.read() >= 0) {
                continue;
            }
        }
    }
}
