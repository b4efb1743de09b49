package io.coxswain.cli.commands.rules;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ConnectionOptions;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.commands.SavingsText;
import io.coxswain.cli.commands.TerminalBar;
import io.coxswain.ledger.savings.SavingsCalculator;
import io.coxswain.ledger.savings.SavingsReport;
import io.coxswain.protocol.codec.CommandCodec;
import io.coxswain.protocol.codec.Json;
import io.coxswain.streams.engine.RuleSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cox rules backtest}: replay recorded run events through rule sets and print the commands they would send. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replay recorded run events (JSON lines) through rule sets, offline; print the commands they "
                + "would have sent.",
        footer = {"", "Examples:", "  cox rules backtest --rules plateau.yaml --events run-1.jsonl",
                "  cox rules backtest --rules plateau.yaml --run r-1          (events from the ledger)",
                "  cox rules backtest --rules plateau.yaml --experiment exp-1 (every run of it)",
                "  cox rules backtest --rules a.yaml --rules b.yaml --events - < run.jsonl",
                "", "stdout: each command as one ControlCommand JSON line (the protocol's format).",
                "stderr: RuleFailed, RuleSkipped and ControlLogged reports, lines that do not",
                "decode, runs whose replay a stop ended, what the commands would have saved",
                "(lines 'savings...'), and a summary. A stop command ends its run's replay: that",
                "run's later events are counted, not evaluated.",
                "Savings: a simulated stop at step s saves (planned - s) x the run's median step",
                "time; a simulated set, the run's measured restart cost + the steps since its",
                "last recorded checkpoint x the median (as `cox savings` counts them).",
                "Exit: 0 replayed, 1 a rule file does not load, 2 events unreadable",
                "(or, with --strict, a line that does not decode), 5 unknown run or experiment."})
public final class RulesBacktestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rules", required = true, paramLabel = "FILE",
            description = "A TrAC rule set file, loaded under its file name without extension; repeatable.")
    List<Path> rules;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    /** Where the events come from: a file (or stdin), or the ledger. */
    static final class Input {
        @Option(names = "--events", required = true, paramLabel = "FILE",
                description = "Run events in the protocol's JSON format, one object a line, in replay order; - for "
                        + "stdin.")
        String events;

        @Option(names = "--run", required = true, paramLabel = "RUN",
                description = "Read the events of this run from the ledger (repeatable; runs are replayed one after "
                        + "the other). The ledger is found like the other commands (--jdbc, stack file).")
        List<String> runs;

        @Option(names = "--experiment", required = true, paramLabel = "X",
                description = "Read the events of every run of this experiment from the ledger, replayed one after "
                        + "the other in the order they started.")
        String experiment;
    }

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--strict", description = "Fail (exit 2) on the first line that does not decode, "
            + "instead of reporting and skipping it.")
    boolean strict;

    @Option(names = "--savings-json", paramLabel = "FILE",
            description = "Also write what the commands would have saved as one JSON object (items, totals per run, "
                    + "per rule and per experiment) to FILE.")
    Path savingsJson;

    @Override
    public Integer call() {
        List<RuleSet> sets = load();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CommandCodec codec = new CommandCodec();
        String read;
        List<String> runs = input.events != null ? List.of() : ledgerRuns();
        boolean drawBar = TerminalBar.wanted() && !runs.isEmpty();
        try (TerminalBar bar = TerminalBar.open(drawBar, err, "Backtesting " + runs.size() + " run(s)",
                drawBar ? LedgerEvents.count(connection.jdbc(), runs) : 0, "events")) {
            Backtest backtest = new Backtest(sets, command -> out.println(codec.encodeToString(command)),
                    line -> err.println(bar.over(line)));
            try {
                read = input.events != null ? fromFile(backtest, err) : LedgerEvents.replay(connection.jdbc(),
                        runs, strict, event -> {
                            backtest.accept(event);
                            bar.stepBy(1);
                        }, line -> err.println(bar.over(line)));
            } finally {
                out.flush();
            }
            bar.close();
            finish(backtest, read, err);
        }
        return ExitCodes.OK;
    }

    private void finish(Backtest backtest, String read, PrintWriter err) {
        backtest.stops().forEach(stop -> err.println(stop.describe()));
        SavingsReport savings = SavingsReport.of(backtest.savings(SavingsCalculator.defaults()));
        printSavings(savings, err);
        if (savingsJson != null) {
            writeJson(savings);
        }
        err.println("backtest: " + read + ", " + backtest.summary());
        err.flush();
    }

    private List<String> ledgerRuns() {
        return input.runs != null ? input.runs : LedgerEvents.runsOf(connection.jdbc(), input.experiment);
    }

    private static void printSavings(SavingsReport savings, PrintWriter err) {
        if (savings.items().isEmpty()) {
            err.println("savings: none (no simulated stop or set on a run whose start was read)");
            return;
        }
        savings.items().forEach(item -> err.println("savings: " + SavingsText.item(item)));
        savings.byCredit().forEach((who, totals) -> err.println("savings by " + who + ": "
                + SavingsText.totals(totals)));
        err.println("savings total (" + savings.total().items() + " items): " + SavingsText.totals(savings.total()));
    }

    private void writeJson(SavingsReport savings) {
        try {
            Files.write(savingsJson, Json.mapper().writeValueAsBytes(savings));
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot write --savings-json " + savingsJson + ": " + e, e);
        }
    }

    private String fromFile(Backtest backtest, PrintWriter err) {
        EventLines lines = new EventLines(input.events, strict, err::println);
        lines.readInto(backtest::accept);
        return "events read " + lines.events() + ", bad lines " + lines.badLines();
    }

    /** Every rule file, loaded; two files that would load under the same name are a usage error. */
    private List<RuleSet> load() {
        Map<String, Path> byName = new HashMap<>();
        List<RuleSet> sets = new ArrayList<>();
        for (Path path : rules) {
            RuleFile file = RuleFile.of(path, null);
            Path same = byName.putIfAbsent(file.name(), path);
            if (same != null) {
                throw new CliException(ExitCodes.USAGE, "rule files " + same + " and " + path
                        + " both load as rule set '" + file.name() + "': give each set its own file name");
            }
            sets.add(file.load());
        }
        return sets;
    }
}
