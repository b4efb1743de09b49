package io.coxswain.cli.commands.rules;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ExitCodes;
import io.coxswain.protocol.topics.Topics;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cox rules withdraw NAME}: publish a tombstone, so control-streams stop evaluating that rule set. */
@Command(name = "withdraw", mixinStandardHelpOptions = true,
        description = "Withdraw a published rule set: publish a tombstone for it on " + Topics.RULES + ".",
        footer = {"", "Example:", "  cox rules withdraw plateau",
                "", "Exit: 0 withdrawn (or already withdrawn), 1 never published,",
                "6 Kafka unreachable."})
public final class RulesWithdrawCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesKafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "NAME", description = "The rule set's name (see `cox rules list`).")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (RulesTopic topic = kafka.connect()) {
            Map<String, String> current = topic.current();
            if (!current.containsKey(name)) {
                throw new CliException(ExitCodes.FAILED, "no rule set '" + name + "' was published; published: "
                        + published(current));
            }
            if (current.get(name) == null) {
                out.println("rule set " + name + " is already withdrawn");
            } else {
                topic.publish(name, null);
                out.println("withdrew rule set " + name);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String published(Map<String, String> current) {
        List<String> live = current.entrySet().stream().filter(e -> Objects.nonNull(e.getValue()))
                .map(Map.Entry::getKey).toList();
        return live.isEmpty() ? "none" : String.join(", ", live);
    }
}
