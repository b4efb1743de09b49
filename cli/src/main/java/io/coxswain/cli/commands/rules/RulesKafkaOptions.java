package io.coxswain.cli.commands.rules;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ConnectionOptions;
import io.coxswain.cli.ExitCodes;
import io.coxswain.cli.commands.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How {@code cox rules publish/withdraw/list} reach Kafka: the stack's connection options, and a bound on each call. */
public final class RulesKafkaOptions {
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for Kafka at each step (e.g. 10s, 1m; default ${DEFAULT-VALUE}).")
    Duration timeout;

    /** The rules topic of the stack's Kafka, once it answers. */
    RulesTopic connect() {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new CliException(ExitCodes.USAGE, "--timeout must be positive, got " + timeout);
        }
        return RulesTopic.connect(connection.bootstrap(), timeout);
    }
}
