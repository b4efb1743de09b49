package io.coxswain.cli.commands.rules;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.engine.RuleSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cox rules apply FILE...} (alias {@code publish}): check rule set files, then publish them to the rules topic. */
@Command(name = "apply", aliases = "publish", mixinStandardHelpOptions = true,
        description = "Check rule set files, then publish each to " + Topics.RULES
                + " (created where missing, compacted); control-streams load them from there. Nothing is published "
                + "unless every file loads. 'publish' is another name for this command.",
        footer = {"", "Examples:", "  cox rules apply plateau.yaml",
                "  cox rules apply rules/*.yaml --bootstrap kafka:9092",
                "  cox rules apply stop.yaml --name stop-on-plateau",
                "", "Each file is published under its file name without extension (or --name, with one",
                "FILE); publishing a name again replaces that rule set. A file that does not load prints",
                "'FILE: problem' (naming the controller, field, column and line) on stderr.",
                "Exit: 0 published, 1 a file does not load (nothing published), 2 bad or clashing",
                "names, 6 Kafka unreachable."})
public final class RulesApplyCommand implements Callable<Integer> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    @Spec
    CommandSpec spec;

    @Mixin
    RulesKafkaOptions kafka;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "TrAC controller files (YAML or JSON).")
    List<Path> files;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The rule set's name, its key on the topic (one FILE only; default: the file name without "
                    + "extension).")
    String name;

    @Override
    public Integer call() {
        if (name != null && files.size() > 1) {
            throw new CliException(ExitCodes.USAGE, "--name names one rule set; give one FILE with it, not "
                    + files.size());
        }
        List<Loaded> loaded = checkAll();
        PrintWriter out = spec.commandLine().getOut();
        try (RulesTopic topic = kafka.connect()) {
            topic.ensure();
            for (Loaded one : loaded) {
                topic.publish(one.set().name(), one.text());
                out.println("published rule set " + one.set().name() + " version "
                        + RuleSetDescription.shortVersion(one.set().version()));
                out.flush();
            }
        }
        return ExitCodes.OK;
    }

    private record Loaded(RuleSet set, String text) {
    }

    /** Every file read and loaded; each problem printed, and none published when any file has one. */
    private List<Loaded> checkAll() {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Path> byName = new HashMap<>();
        List<Loaded> loaded = new ArrayList<>();
        int failed = 0;
        for (Path path : files) {
            RuleFile file = RuleFile.of(path, name);
            requireName(file);
            Path same = byName.putIfAbsent(file.name(), path);
            if (same != null) {
                throw new CliException(ExitCodes.USAGE, "rule files " + same + " and " + path
                        + " both publish as rule set '" + file.name() + "': give each set its own file name");
            }
            try {
                String text = file.read();
                loaded.add(new Loaded(file.load(text), text));
            } catch (CliException e) {
                if (files.size() == 1) {
                    throw e;
                }
                err.println(e.getMessage());
                failed++;
            }
        }
        err.flush();
        if (failed > 0) {
            throw new CliException(ExitCodes.FAILED, failed + " of " + files.size()
                    + " rule set files do not load; nothing was published");
        }
        return loaded;
    }

    private void requireName(RuleFile rules) {
        if (!NAME.matcher(rules.name()).matches()) {
            throw new CliException(ExitCodes.USAGE, "rule set name '" + rules.name() + "'"
                    + (name == null ? " (from the file name; set one with --name)" : "")
                    + " must start with a letter or digit and hold only letters, digits, '.', '_' and '-'");
        }
    }
}
