package io.coxswain.cli.commands.rules;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.protocol.codec.CommandCodec;
import io.coxswain.streams.engine.RuleSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cox rules backtest}: replay recorded run events through rule sets and print the commands they would send. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replay recorded run events (JSON lines) through rule sets, offline; print the commands they "
                + "would have sent.",
        footer = {"", "Examples:", "  cox rules backtest --rules plateau.yaml --events run-1.jsonl",
                "  cox rules backtest --rules a.yaml --rules b.yaml --events - < run.jsonl",
                "", "stdout: each command as one ControlCommand JSON line (the protocol's format).",
                "stderr: RuleFailed, RuleSkipped and ControlLogged reports, lines that do not",
                "decode, runs whose replay a stop ended, and a summary. A stop command ends",
                "its run's replay: that run's later events are counted, not evaluated.",
                "Exit: 0 replayed, 1 a rule file does not load, 2 events unreadable",
                "(or, with --strict, a line that does not decode)."})
public final class RulesBacktestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rules", required = true, paramLabel = "FILE",
            description = "A TrAC rule set file, loaded under its file name without extension; repeatable.")
    List<Path> rules;

    @Option(names = "--events", required = true, paramLabel = "FILE",
            description = "Run events in the protocol's JSON format, one object a line, in replay order; - for stdin.")
    String events;

    @Option(names = "--strict", description = "Fail (exit 2) on the first line that does not decode, "
            + "instead of reporting and skipping it.")
    boolean strict;

    @Override
    public Integer call() {
        List<RuleSet> sets = load();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CommandCodec codec = new CommandCodec();
        Backtest backtest = new Backtest(sets, command -> out.println(codec.encodeToString(command)), err::println);
        EventLines lines = new EventLines(events, strict, err::println);
        try {
            lines.readInto(backtest::accept);
        } finally {
            out.flush();
        }
        backtest.stops().forEach(stop -> err.println(stop.describe()));
        err.println("backtest: events read " + lines.events() + ", bad lines " + lines.badLines() + ", "
                + backtest.summary());
        err.flush();
        return ExitCodes.OK;
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
