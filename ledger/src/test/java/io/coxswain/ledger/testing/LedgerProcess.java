package io.coxswain.ledger.testing;

import io.coxswain.ledger.LedgerEnvironment;
import io.coxswain.ledger.LedgerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A ledger instance in a JVM of its own ({@link LedgerMain}, configured by environment variables as in production),
 * so that a test can kill it as {@code kill -9} does: no close, its open transaction left to PostgreSQL. Its output
 * goes to a file, for failure messages.
 */
public final class LedgerProcess implements AutoCloseable {
    private final Process process;
    private final Path output;

    private LedgerProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@link LedgerMain} with {@code env} added to the {@code COXSWAIN_*} variables it reads. */
    public static LedgerProcess start(Map<String, String> env, Path output) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), LedgerMain.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("COXSWAIN_"));
        builder.environment().putAll(env);
        return new LedgerProcess(builder.start(), output);
    }

    /** The environment of an instance of {@code groupId} reading {@code bootstrap} into {@code jdbcUrl}. */
    public static Map<String, String> environment(String bootstrap, String jdbcUrl, String groupId, int batchSize) {
        return Map.of(LedgerEnvironment.BOOTSTRAP_SERVERS, bootstrap, LedgerEnvironment.JDBC_URL, jdbcUrl,
                LedgerEnvironment.GROUP_ID, groupId, LedgerEnvironment.BATCH_SIZE, String.valueOf(batchSize),
                LedgerEnvironment.POLL_TIMEOUT_MS, "100", LedgerEnvironment.MAX_BACKOFF_MS, "500",
                // the broker's lowest: a restarted instance gets the partitions of the killed one that soon
                LedgerEnvironment.SESSION_TIMEOUT_MS, "6000");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the JVM at once (SIGKILL) and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the killed ledger's JVM " + process.pid() + " did not exit within 10 s");
        }
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
