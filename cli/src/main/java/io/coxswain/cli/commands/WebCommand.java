package io.coxswain.cli.commands;

import io.coxswain.cli.ConnectionOptions;
import io.coxswain.ledger.Ledger;
import io.coxswain.web.KafkaRulesPublisher;
import io.coxswain.web.RulesPublisher;
import io.coxswain.web.WebConfig;
import io.coxswain.web.WebServer;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cox web}: the web UI alone, reading an external ledger. */
@Command(name = "web", mixinStandardHelpOptions = true, description = "Serve the web UI alone (rule uploads need Kafka: --bootstrap, $COX_KAFKA or stack.json); "
                + "Prometheus metrics at /metrics.",
        footer = {"", "Example:", "  cox web --jdbc 'jdbc:postgresql://db/coxswain?user=cox' --host 0.0.0.0 --port 8080"})
public final class WebCommand implements Callable<Integer> {
    private static final Duration RULES_TIMEOUT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "" + WebConfig.DEFAULT_PORT, description = "Port (default ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        RulesPublisher rules = connection.bootstrapIfKnown()
                .<RulesPublisher>map(b -> new KafkaRulesPublisher(b, RULES_TIMEOUT)).orElse(RulesPublisher.none());
        WebServer web = WebServer.start(new WebConfig(host, port), Ledger.jdbi(connection.jdbc()), rules,
                WebServer.jvmMetrics());
        spec.commandLine().getOut().println("web UI at " + web.url());
        return ComponentRunner.runUntilSignal(web, "web UI", spec.commandLine().getOut());
    }
}
