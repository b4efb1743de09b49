package io.coxswain.cli.commands;

import io.coxswain.cli.CliException;
import io.coxswain.cli.ConnectionOptions;
import io.coxswain.cli.SigningOptions;
import io.coxswain.ledger.Ledger;
import io.coxswain.web.KafkaRulesPublisher;
import io.coxswain.web.RulesPublisher;
import io.coxswain.web.WebConfig;
import io.coxswain.web.WebServer;
import io.coxswain.web.control.KafkaAccess;
import java.io.PrintWriter;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cox web}: the web UI alone, reading an external ledger, sending commands through Kafka when it has one. */
@Command(name = "web", mixinStandardHelpOptions = true,
        description = "Serve the web UI alone; Prometheus metrics at /metrics.",
        footer = {"", "Examples:", "  cox web --jdbc 'jdbc:postgresql://db/coxswain?user=cox' --host 0.0.0.0 --port 8080",
                "  COX_WEB_TOKEN=$(openssl rand -hex 32) cox web --bootstrap kafka:9092 --jdbc ...",
                "", "Writes (the run page's control panel, rule uploads) need --token or $COX_WEB_TOKEN, and Kafka",
                "(--bootstrap, $COX_KAFKA or stack.json); without a token every write is refused (403),",
                "without Kafka writes answer 503 and the run page shows history only."})
public final class WebCommand implements Callable<Integer> {
    static final String TOKEN_ENV = "COX_WEB_TOKEN";
    private static final Duration RULES_TIMEOUT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SigningOptions signing;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "" + WebConfig.DEFAULT_PORT, description = "Port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--token", description = "The token every write must carry (default: $" + TOKEN_ENV
            + "; none: writes are refused).")
    String token;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        String writeToken = token != null ? token : System.getenv(TOKEN_ENV);
        Optional<KafkaAccess> kafka = kafka(out);
        RulesPublisher rules = kafka.<RulesPublisher>map(k -> new KafkaRulesPublisher(k.bootstrap(), RULES_TIMEOUT))
                .orElse(RulesPublisher.none());
        WebServer web = WebServer.start(new WebConfig(host, port, writeToken), Ledger.jdbi(connection.jdbc()), kafka,
                rules, WebServer.jvmMetrics());
        out.println("web UI at " + web.url());
        if (writeToken == null || writeToken.isBlank()) {
            out.println("no web token (--token or $" + TOKEN_ENV + "): every write is refused");
        }
        return ComponentRunner.runUntilSignal(web, "web UI", out);
    }

    private Optional<KafkaAccess> kafka(PrintWriter out) {
        String bootstrap;
        try {
            bootstrap = connection.bootstrap();
        } catch (CliException e) {
            out.println("no Kafka (" + e.getMessage() + "): writes and live events are off");
            return Optional.empty();
        }
        return Optional.of(new KafkaAccess(bootstrap, signing.signingKey(connection.home())));
    }
}
