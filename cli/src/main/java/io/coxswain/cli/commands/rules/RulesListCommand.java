package io.coxswain.cli.commands.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.cli.ExitCodes;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.engine.RuleSet;
import io.coxswain.streams.rules.trac.RuleSetLoadException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cox rules list}: the rule sets on the rules topic now, each with its version, or withdrawn. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the rule sets published on " + Topics.RULES + ": name, version and controllers, "
                + "or withdrawn.",
        footer = {"", "Examples:", "  cox rules list --bootstrap kafka:9092",
                "  cox rules list --json | jq '.[] | select(.withdrawn | not) | .name'",
                "", "Reads the compacted topic from its beginning to its current end.",
                "Exit: 0 listed, 6 Kafka unreachable."})
public final class RulesListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesKafkaOptions kafka;

    @Option(names = "--json", description = "Print a JSON array: name, version (full), withdrawn, controllers (a "
            + "count, or null) and problem (why it does not load here, or null).")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        Map<String, String> current;
        try (RulesTopic topic = kafka.connect()) {
            current = topic.current();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(current));
        } else if (current.isEmpty()) {
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

    private static String json(Map<String, String> current) throws JsonProcessingException {
        ArrayNode sets = Json.mapper().createArrayNode();
        current.forEach((name, text) -> {
            ObjectNode set = sets.addObject().put("name", name).put("withdrawn", text == null);
            set.put("version", text == null ? null : RuleSet.versionOf(text));
            String status = status(name, text);
            set.put("controllers", status.chars().allMatch(Character::isDigit) ? Integer.valueOf(status) : null);
            set.put("problem", text != null && status.startsWith("does not load") ? status : null);
        });
        return Json.mapper().writeValueAsString(sets);
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
