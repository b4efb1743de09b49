package io.coxswain.cli.commands;

import io.coxswain.cli.ConnectionOptions;
import io.coxswain.streams.ControlStreamsApp;
import io.coxswain.streams.config.ControlStreamsConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cox streams}: control-streams alone, against external Kafka. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "Run control-streams (rule evaluation) alone; start several to share the partitions.",
        footer = {"", "Examples:", "  cox streams --bootstrap kafka:9092", "  COX_KAFKA=kafka:9092 cox streams"})
public final class StreamsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    PlateauOptions plateau;

    @Mixin
    RuleFileOptions rules;

    @Override
    public Integer call() throws InterruptedException {
        ControlStreamsApp app = new ControlStreamsApp(ControlStreamsConfig.defaults(connection.bootstrap())
                .withStateDir(connection.home().resolve("streams")).withLossPlateau(plateau.config())
                .withRuleFiles(rules.files()));
        app.start();
        return ComponentRunner.runUntilSignal(app, "control-streams", spec.commandLine().getOut());
    }
}
