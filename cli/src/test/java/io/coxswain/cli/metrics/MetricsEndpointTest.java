package io.coxswain.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.cli.CliException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The small {@code /metrics} port of a component run alone, over real HTTP. */
class MetricsEndpointTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesTheRegistryAsPrometheusTextAndRefusesWrites() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("coxswain.ledger.stored").tag("group", "g").register(registry).increment(3);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, registry)) {
            HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint.url())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type"))
                    .contains("text/plain; version=0.0.4; charset=utf-8");
            assertThat(scrape.body()).contains("coxswain_ledger_stored_total{group=\"g\"} 3.0");
            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint.url()))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void namesTheAddressWhenThePortIsTaken() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (MetricsEndpoint first = MetricsEndpoint.start("127.0.0.1", 0, registry)) {
            int port = URI.create(first.url()).getPort();
            assertThatThrownBy(() -> MetricsEndpoint.start("127.0.0.1", port, registry))
                    .isInstanceOf(CliException.class)
                    .hasMessageStartingWith("cannot serve metrics on 127.0.0.1:" + port + ": ");
        }
    }
}
