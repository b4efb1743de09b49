package io.coxswain.cli.commands.rules;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.engine.RuleSet;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cox rules publish FILE}: check a rule set locally, then publish it to the rules topic. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Check a rule set file, then publish it to " + Topics.RULES
                + " (created where missing, compacted); control-streams load it from there.",
        footer = {"", "Examples:", "  cox rules publish plateau.yaml",
                "  cox rules publish stop.yaml --name stop-on-plateau --bootstrap kafka:9092",
                "", "Publishing a name again replaces that rule set. A file that does not load",
                "is not published.",
                "Exit: 0 published, 1 the file does not load, 2 bad name, 6 Kafka unreachable."})
public final class RulesPublishCommand implements Callable<Integer> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    @Spec
    CommandSpec spec;

    @Mixin
    RulesKafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "FILE", description = "A TrAC controller file (YAML or JSON).")
    Path file;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The rule set's name, its key on the topic (default: the file name without extension).")
    String name;

    @Override
    public Integer call() {
        RuleFile rules = RuleFile.of(file, name);
        requireName(rules);
        String text = rules.read();
        RuleSet set = rules.load(text);
        try (RulesTopic topic = kafka.connect()) {
            topic.ensure();
            topic.publish(set.name(), text);
        }
        spec.commandLine().getOut().println("published rule set " + set.name() + " version "
                + RuleSetDescription.shortVersion(set.version()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private void requireName(RuleFile rules) {
        if (!NAME.matcher(rules.name()).matches()) {
            throw new CliException(ExitCodes.USAGE, "rule set name '" + rules.name() + "'"
                    + (name == null ? " (from the file name; set one with --name)" : "")
                    + " must start with a letter or digit and hold only letters, digits, '.', '_' and '-'");
        }
    }
}
