package io.coxswain.tests;

import io.coxswain.cli.Cox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code cox} run in this JVM with its output captured; {@link #out()} and {@link #err()} can be read while it still
 * runs (for commands that follow a run, like {@code cox tail}).
 */
final class CoxRun {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private volatile Duration elapsed;
    private volatile int code = -1;

    static CoxRun run(List<String> args) {
        CoxRun run = new CoxRun();
        run.execute(args);
        return run;
    }

    void execute(List<String> args) {
        CommandLine cmd = Cox.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        long start = System.nanoTime();
        code = cmd.execute(args.toArray(String[]::new));
        elapsed = Duration.ofNanos(System.nanoTime() - start);
    }

    int code() {
        return code;
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    Duration elapsed() {
        return elapsed;
    }

    @Override
    public String toString() {
        return "exit " + code + " after " + elapsed + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
}
