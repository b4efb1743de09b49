package io.coxswain.cli.commands;

import io.coxswain.cli.ConnectionOptions;
import io.coxswain.cli.ExitCodes;
import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.protocol.topics.Topics;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cox topics}: create Coxswain's topics on an external Kafka. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Create Coxswain's topics where missing.",
        footer = {"", "Example:", "  cox topics --bootstrap kafka:9092 --partitions 12"})
public final class TopicsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--partitions", defaultValue = "" + Topics.DEFAULT_PARTITIONS,
            description = "Partitions per topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() {
        Set<String> names = Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name(), Topics.DEAD_LETTER.name());
        EmbeddedKafka.ensureTopics(connection.bootstrap(), names, partitions);
        spec.commandLine().getOut().println("topics ready: " + names);
        return ExitCodes.OK;
    }
}
