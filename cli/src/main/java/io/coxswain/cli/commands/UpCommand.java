package io.coxswain.cli.commands;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.stack.EmbeddedStack;
import io.coxswain.cli.stack.Home;
import io.coxswain.cli.stack.StackFile;
import io.coxswain.web.WebConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cox up}: the whole stack in this JVM until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start Kafka (KRaft), PostgreSQL, the ledger, control-streams and the web UI in one process.",
        footer = {"", "Examples:", "  cox up", "  cox up --home /data/cox --web-port 8080",
                "", "Writes <home>/stack.json (bootstrap, jdbc, web, webToken) for the other commands. A new",
                "web token is generated at each start and printed: the web UI refuses writes without it.",
                "Ctrl-C stops everything; starting again on the same home keeps the data."})
public final class UpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--home", description = "Data directory (default: $COX_HOME or ~/.coxswain).")
    Path home;

    @Option(names = "--web-port", defaultValue = "" + WebConfig.DEFAULT_PORT,
            description = "Web UI port, 0 for any free port (default ${DEFAULT-VALUE}).")
    int webPort;

    @Mixin
    PlateauOptions plateau;

    @Mixin
    RuleFileOptions rules;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Home.resolve(home);
        EmbeddedStack stack = startStack(dir, webPort, plateau, rules.files(), out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping ...");
            out.flush();
            try {
                stack.close();
            } finally {
                StackFile.delete(dir);
                stopped.countDown();
            }
        }, "cox-up-shutdown"));
        stack.describe().write(dir);
        out.println("Coxswain is up (home " + dir + "). Stack file: " + dir.resolve(StackFile.NAME));
        out.println("  Kafka      " + stack.bootstrap());
        out.println("  PostgreSQL " + stack.jdbc());
        out.println("  Web UI     " + stack.webUrl());
        out.println("  Web token  " + stack.webToken() + "  (paste it into the page's token field to send commands)");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    /** Starts the embedded stack on {@code dir}, printing each step, unless a live stack already uses that home. */
    static EmbeddedStack startStack(Path dir, int webPort, PlateauOptions plateau, List<Path> ruleFiles,
            PrintWriter out) {
        requireNoLiveStack(dir);
        return EmbeddedStack.start(dir, webPort, plateau.config(), ruleFiles, line -> {
            out.println("  " + line);
            out.flush();
        });
    }

    /** Two stacks on one home would share data directories: refuse, naming the running one. */
    private static void requireNoLiveStack(Path dir) {
        Optional<StackFile> existing = StackFile.read(dir);
        if (existing.isPresent() && ProcessHandle.of(existing.get().pid()).map(ProcessHandle::isAlive).orElse(false)
                && existing.get().pid() != ProcessHandle.current().pid()) {
            throw new CliException(ExitCodes.FAILED, "a stack is already running from " + dir + " (pid "
                    + existing.get().pid() + ", Kafka " + existing.get().bootstrap() + "); stop it or use --home");
        }
    }
}
