package io.coxswain.cli;

import io.coxswain.cli.commands.AuditCommand;
import io.coxswain.cli.commands.DemoCommand;
import io.coxswain.cli.commands.LedgerCommand;
import io.coxswain.cli.commands.RecipeCommand;
import io.coxswain.cli.commands.ReplayCommand;
import io.coxswain.cli.commands.RunsCommand;
import io.coxswain.cli.commands.SavingsCommand;
import io.coxswain.cli.commands.SetCommand;
import io.coxswain.cli.commands.StateCommand;
import io.coxswain.cli.commands.StreamsCommand;
import io.coxswain.cli.commands.TailCommand;
import io.coxswain.cli.commands.TrainCommand;
import io.coxswain.cli.commands.TriggerCommand;
import io.coxswain.cli.commands.UpCommand;
import io.coxswain.cli.commands.TopicsCommand;
import io.coxswain.cli.commands.WebCommand;
import io.coxswain.cli.commands.rules.RulesCommand;
import io.coxswain.cli.stack.Home;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cox} command. */
@Command(name = "cox", mixinStandardHelpOptions = true, version = "cox 0.1.0",
        description = "Coxswain: steer running training jobs through Kafka, with every change recorded.",
        subcommands = {UpCommand.class, DemoCommand.class, TrainCommand.class, SetCommand.class,
                TriggerCommand.class, RunsCommand.class, TailCommand.class, StreamsCommand.class, LedgerCommand.class,
                WebCommand.class, TopicsCommand.class, RulesCommand.class, AuditCommand.class,
                StateCommand.class, SavingsCommand.class, RecipeCommand.class, ReplayCommand.class},
        footer = {"", "Examples:", "  cox up                               (Kafka, PostgreSQL, ledger, rules, web UI here)",
                "  cox train --run-id r-1 --steps 5000", "  cox tail r-1",
                "  cox set r-1 learning_rate=0.01 --reason 'loss oscillates'", "  cox runs --json",
                "  cox <command> --help                 (each command's options, examples and exit codes)",
                "", ExitCodes.HELP})
public final class Cox implements Runnable {

    public static void main(String[] args) {
        System.setProperty("cox.log.file", logFile(args).toString());
        System.exit(run(args));
    }

    /** Runs cox in this JVM and returns its exit code (tests call this). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Cox());
        cmd.setExecutionExceptionHandler((e, line, parsed) -> ExitCodes.handle(e, line));
        cmd.setExitCodeExceptionMapper(e -> ExitCodes.FAILED);
        return cmd;
    }

    private static Path logFile(String[] args) {
        Path home = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--home") && i + 1 < args.length) {
                home = Path.of(args[i + 1]);
            } else if (args[i].startsWith("--home=")) {
                home = Path.of(args[i].substring("--home=".length()));
            }
        }
        return Home.resolve(home).resolve("logs").resolve("cox.log");
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
