package io.coxswain.cli.commands.rules;

import io.coxswain.cli.Cox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;

/** One {@code cox} invocation in this JVM: its exit code, stdout, stderr and how long it took. */
record CoxRun(int code, String out, String err, Duration elapsed) {

    static CoxRun cox(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Cox.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        long start = System.nanoTime();
        int code = cmd.execute(args);
        return new CoxRun(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    /** A test resource as a file path, e.g. {@code rules/plateau.yaml}. */
    static Path resource(String name) {
        try {
            return Path.of(CoxRun.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource " + name, e);
        }
    }
}
