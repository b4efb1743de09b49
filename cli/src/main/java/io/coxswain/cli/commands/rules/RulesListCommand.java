package io.coxswain.cli.commands.rules;

import io.coxswain.cli.ExitCodes;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.engine.RuleSet;
import io.coxswain.streams.rules.trac.RuleSetLoadException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cox rules list}: the rule sets on the rules topic now, each with its version, or withdrawn. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the rule sets published on " + Topics.RULES + ": name, version and controllers, "
                + "or withdrawn.",
        footer = {"", "Example:", "  cox rules list --bootstrap kafka:9092",
                "", "Reads the compacted topic from its beginning to its current end.",
                "Exit: 0 listed, 6 Kafka unreachable."})
public final class RulesListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesKafkaOptions kafka;

    @Override
    public Integer call() {
        Map<String, String> current;
        try (RulesTopic topic = kafka.connect()) {
            current = topic.current();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (current.isEmpty()) {
            out.println("no rule sets published on " + Topics.RULES);
        } else {
            int width = Math.max("NAME".length(), current.keySet().stream().mapToInt(String::length).max().orElse(0));
            String row = "%-" + width + "s  %-" + RuleSetDescription.VERSION_DIGITS + "s  %s%n";
            out.printf(row, "NAME", "VERSION", "CONTROLLERS");
            current.forEach((name, text) -> out.printf(row, name,
                    text == null ? "-" : RuleSetDescription.shortVersion(RuleSet.versionOf(text)), status(name, text)));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The controller count, {@code withdrawn}, or why the published text does not load here. */
    private static String status(String name, String text) {
        if (text == null) {
            return "withdrawn";
        }
        try {
            return String.valueOf(RuleSet.load(name, text).controllers().size());
        } catch (RuleSetLoadException | IllegalArgumentException e) {
            return "does not load: " + e.getMessage();
        }
    }
}
