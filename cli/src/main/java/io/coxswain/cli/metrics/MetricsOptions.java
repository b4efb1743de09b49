package io.coxswain.cli.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --metrics-port} and {@code --metrics-host} for a component that runs alone. */
public final class MetricsOptions {
    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics at http://HOST:PORT/metrics (default: off; 0 picks a free port).")
    Integer port;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Interface for --metrics-port (default ${DEFAULT-VALUE}).")
    String host;

    /** Starts the endpoint when {@code --metrics-port} was given, printing its address; else returns null. */
    public MetricsEndpoint startIfAsked(PrometheusMeterRegistry registry, PrintWriter out) {
        if (port == null) {
            return null;
        }
        MetricsEndpoint endpoint = MetricsEndpoint.start(host, port, registry);
        out.println("metrics at " + endpoint.url());
        return endpoint;
    }
}
