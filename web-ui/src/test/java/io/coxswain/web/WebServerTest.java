package io.coxswain.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.embedded.EmbeddedPostgresServer;
import io.coxswain.ledger.Ledger;
import io.coxswain.protocol.codec.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web UI's API and pages over a real ledger database. */
class WebServerTest {
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static EmbeddedPostgresServer postgres;
    private static WebServer web;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0);
        Ledger.migrate(postgres.jdbcUrl());
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl());
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO runs (run_id, experiment_id, workload, status, planned_steps, started_at, last_step,
                                       last_loss, learning_rate, batch_size, updated_at, finish_reason)
                     VALUES (?, 'exp', 'mlp-blobs', ?, 1000, now(), ?, ?, 0.001, 32, now(), ?)""")) {
            insert(s, "web-run-1", "running", 120, 0.5, null);
            insert(s, HOSTILE, "finished", 40, Double.NaN, "stopped");
        }
        web = WebServer.start(new WebConfig("127.0.0.1", 0), Ledger.jdbi(postgres.jdbcUrl()));
    }

    private static void insert(PreparedStatement s, String id, String status, long step, double loss, String reason)
            throws Exception {
        s.setString(1, id);
        s.setString(2, status);
        s.setLong(3, step);
        s.setDouble(4, loss);
        s.setString(5, reason);
        s.executeUpdate();
    }

    @AfterAll
    static void stop() {
        web.close();
        postgres.close();
    }

    @Test
    void listsRunsWithTheirLatestStateAndNoNaN() throws Exception {
        HttpResponse<String> response = get("/api/runs");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/json"));
        JsonNode runs = Json.mapper().readTree(response.body());
        assertThat(runs).hasSize(2);
        JsonNode first = find(runs, "web-run-1");
        assertThat(first.path("status").asText()).isEqualTo("running");
        assertThat(first.path("lastStep").asLong()).isEqualTo(120);
        assertThat(first.path("lastLoss").asDouble()).isEqualTo(0.5);
        assertThat(first.path("learningRate").asDouble()).isEqualTo(0.001);
        assertThat(first.path("plannedSteps").asLong()).isEqualTo(1000);
        JsonNode hostile = find(runs, HOSTILE);
        assertThat(hostile.has("lastLoss")).as("a NaN loss is left out, JSON has no NaN").isFalse();
        assertThat(hostile.path("finishReason").asText()).isEqualTo("stopped");
    }

    @Test
    void limitsTheListAndRefusesAnOutOfRangeLimit() throws Exception {
        HttpResponse<String> one = get("/api/runs?limit=1");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(one.body())).hasSize(1);
        HttpResponse<String> tooMany = get("/api/runs?limit=5001");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(tooMany.body()).path("error").asText())
                .isEqualTo("limit must be between 1 and 5000, got 5001");
    }

    @Test
    void answersOneRunAnd404WithSuggestionsForAnUnknownOne() throws Exception {
        HttpResponse<String> one = get("/api/runs/web-run-1");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(one.body()).path("runId").asText()).isEqualTo("web-run-1");

        HttpResponse<String> missing = get("/api/runs/web-run-2");
        assertThat(missing.statusCode()).isEqualTo(404);
        JsonNode body = Json.mapper().readTree(missing.body());
        assertThat(body.path("error").asText()).isEqualTo("no run 'web-run-2' in the ledger");
        assertThat(body.path("similar").get(0).asText()).isEqualTo("web-run-1");
    }

    @Test
    void servesTheRunsPageThatRendersValuesAsTextOnly() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<table id=\"runs\">").contains("/runs.js");
        HttpResponse<String> script = get("/runs.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("textContent").doesNotContain("innerHTML");
    }

    private static JsonNode find(JsonNode runs, String id) {
        for (JsonNode r : runs) {
            if (id.equals(r.path("runId").asText())) {
                return r;
            }
        }
        throw new AssertionError("no run " + id + " in " + runs);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(web.url() + path.replace("<", "%3C")
                .replace(">", "%3E").replace(" ", "%20"))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
