package io.coxswain.cli.commands.rules;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.streams.engine.RuleSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cox rules check FILE...}: load rule set files locally and print what each would do. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Load TrAC rule set files and print each one's version, scope and controllers.",
        footer = {"", "Examples:", "  cox rules check plateau.yaml", "  cox rules check rules/*.yaml",
                "  cox rules check stop.yaml --name stop-on-plateau",
                "", "Every file is checked; one that does not load prints 'FILE: problem'",
                "(naming the controller, field, column and line) on stderr.",
                "Exit: 0 all load, 1 any does not (or cannot be read)."})
public final class RulesCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "TrAC controller files (YAML or JSON).")
    List<Path> files;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Load under this rule set name (one FILE only; default: the file name without extension).")
    String name;

    @Override
    public Integer call() {
        if (name != null && files.size() > 1) {
            throw new CliException(ExitCodes.USAGE, "--name names one rule set: give one FILE with it, not "
                    + files.size());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        for (Path path : files) {
            RuleFile file = RuleFile.of(path, name);
            try {
                RuleSet set = file.load();
                RuleSetDescription.lines(file, set).forEach(out::println);
            } catch (CliException e) {
                err.println(e.getMessage());
                failed++;
            }
        }
        out.flush();
        err.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
