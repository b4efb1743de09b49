package io.coxswain.cli.commands;

import io.coxswain.cli.ConnectionOptions;
import io.coxswain.cli.metrics.MetricsEndpoint;
import io.coxswain.cli.metrics.MetricsOptions;
import io.coxswain.streams.ControlStreamsApp;
import io.coxswain.streams.config.ControlStreamsConfig;
import io.coxswain.web.WebServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cox streams}: control-streams alone, against external Kafka. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "Run control-streams (rule evaluation) alone; start several to share the partitions.",
        footer = {"", "Examples:", "  cox streams --bootstrap kafka:9092", "  COX_KAFKA=kafka:9092 cox streams",
                "  cox streams --bootstrap kafka:9092 --metrics-port 9464   (Prometheus text at :9464/metrics)"})
public final class StreamsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    PlateauOptions plateau;

    @Mixin
    RuleFileOptions rules;

    @Mixin
    MetricsOptions metrics;

    @Override
    public Integer call() throws InterruptedException {
        PrometheusMeterRegistry registry = WebServer.jvmMetrics();
        ControlStreamsApp app = new ControlStreamsApp(ControlStreamsConfig.defaults(connection.bootstrap())
                .withStateDir(connection.home().resolve("streams")).withLossPlateau(plateau.config())
                .withRuleFiles(rules.files()), registry);
        app.start();
        MetricsEndpoint endpoint = metrics.startIfAsked(registry, spec.commandLine().getOut());
        return ComponentRunner.runUntilSignal(() -> {
            try (endpoint) {
                app.close();
            }
        }, "control-streams", spec.commandLine().getOut());
    }
}
