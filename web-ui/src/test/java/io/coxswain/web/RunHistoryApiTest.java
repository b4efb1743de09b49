package io.coxswain.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.embedded.EmbeddedPostgresServer;
import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.LedgerConfig;
import io.coxswain.ledger.ingest.LedgerIngest;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.ParameterSpec;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run history endpoints over a ledger filled by the real ingest from a real broker. */
class RunHistoryApiTest {
    private static final String RUN = "<img src=x onerror=alert(1)>-history";
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;
    private static LedgerIngest ingest;
    private static WebServer web;

    @BeforeAll
    static void start(@TempDir Path dir) {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), 1);
        postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0);
        Ledger.migrate(postgres.jdbcUrl());
        ingest = new LedgerIngest(LedgerConfig.defaults(kafka.bootstrap(), postgres.jdbcUrl())
                .withGroupId("web-history").withPollTimeout(Duration.ofMillis(100)));
        ingest.start();
        ParameterSpec lr = new ParameterSpec("learning_rate", "float", 0.0, 10.0, true, DoubleNode.valueOf(0.1),
                "optimizer learning rate");
        CommandSource rule = new CommandSource(SourceKind.RULE, null, "plateau/halve",
                Json.mapper().createObjectNode().put("loss", 0.9));
        List<EventEnvelope> events = List.of(
                event(1, 0, new RunStarted(Json.mapper().createObjectNode().put("batch_size", 32), 7, "mlp-blobs",
                        100, List.of(lr), 1.5)),
                event(2, 1, step(1, 1.0, 0.1)),
                event(3, 2, step(2, 0.9, 0.1)),
                event(4, 2, new ParameterChanged("rule-cmd-1", "learning_rate", DoubleNode.valueOf(0.1),
                        DoubleNode.valueOf(0.05), rule)),
                event(5, 3, step(3, 0.8, 0.05)));
        LedgerQueries ledger = LedgerQueries.connect(postgres.jdbcUrl());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (EventEnvelope e : events) {
                producer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), RUN, Topics.RUN_EVENTS.codec().encode(e)));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.eventCount(RUN) == events.size());
        web = WebServer.start(new WebConfig("127.0.0.1", 0), Ledger.jdbi(postgres.jdbcUrl()));
    }

    private static StepCompleted step(long step, double loss, double lr) {
        return new StepCompleted(step * 0.1, 0.1, step * 32, 32, loss, 1.0, lr, 0.2, true, false, null, 0L, null,
                160.0, null, null);
    }

    private static EventEnvelope event(long seq, long step, RunEvent event) {
        return new EventEnvelope(new EventHeader("history-" + seq, RUN, "exp-web", seq, step, T0.plusSeconds(seq)),
                event);
    }

    @AfterAll
    static void stop() {
        web.close();
        ingest.close();
        kafka.close();
        postgres.close();
    }

    @Test
    void timelineListsTheChangeWithItsCommandAndStep() throws Exception {
        JsonNode timeline = okJson("/api/runs/" + encoded(RUN) + "/timeline");
        JsonNode change = null;
        for (JsonNode line : timeline) {
            if ("ParameterChanged".equals(line.path("type").asText())) {
                change = line;
            }
        }
        assertThat(change).as("the change in %s", timeline).isNotNull();
        assertThat(change.path("step").asLong()).isEqualTo(2);
        assertThat(change.path("commandId").asText()).isEqualTo("rule-cmd-1");
        assertThat(change.path("message").path("source").path("rule").asText()).isEqualTo("plateau/halve");
    }

    @Test
    void parametersNameWhoChangedWhatAndWhy() throws Exception {
        JsonNode changes = okJson("/api/runs/" + encoded(RUN) + "/parameters");
        assertThat(changes).hasSize(1);
        JsonNode change = changes.get(0);
        assertThat(change.path("param").asText()).isEqualTo("learning_rate");
        assertThat(change.path("oldValue").asDouble()).isEqualTo(0.1);
        assertThat(change.path("newValue").asDouble()).isEqualTo(0.05);
        assertThat(change.path("sourceKind").asText()).isEqualTo("rule");
        assertThat(change.path("rule").asText()).isEqualTo("plateau/halve");
        assertThat(change.path("evidence").path("loss").asDouble()).isEqualTo(0.9);
    }

    @Test
    void stateAtAStepIsRebuiltFromTheRunsEvents() throws Exception {
        JsonNode before = okJson("/api/runs/" + encoded(RUN) + "/state?step=1");
        assertThat(before.path("parameters").path("learning_rate").path("value").asDouble()).isEqualTo(0.1);
        assertThat(before.path("parameters").path("learning_rate").has("setAtStep")).as("a start value was set by no change").isFalse();
        assertThat(before.path("stepEvent").path("loss").asDouble()).isEqualTo(1.0);
        assertThat(before.path("config").path("batch_size").asInt()).isEqualTo(32);

        JsonNode after = okJson("/api/runs/" + encoded(RUN) + "/state?step=3");
        JsonNode lr = after.path("parameters").path("learning_rate");
        assertThat(lr.path("value").asDouble()).isEqualTo(0.05);
        assertThat(lr.path("setAtStep").asLong()).isEqualTo(2);
        assertThat(lr.path("commandId").asText()).isEqualTo("rule-cmd-1");
        assertThat(lr.path("source").asText()).isEqualTo("rule (rule plateau/halve)");
    }

    @Test
    void refusesAStepThatIsNotAWholeNonNegativeNumber() throws Exception {
        HttpResponse<String> text = get("/api/runs/" + encoded(RUN) + "/state?step=ten");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(text.body()).path("error").asText())
                .isEqualTo("step must be a whole number of steps, got 'ten'");
        HttpResponse<String> missing = get("/api/runs/" + encoded(RUN) + "/state");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(missing.body()).path("error").asText())
                .isEqualTo("step must be a whole number of steps, got nothing");
        HttpResponse<String> negative = get("/api/runs/" + encoded(RUN) + "/state?step=-3");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(negative.body()).path("error").asText())
                .isEqualTo("step must be 0 or more, got -3");
    }

    @Test
    void anUnknownRunIs404WithCloseMatchesOnEveryEndpoint() throws Exception {
        for (String endpoint : List.of("timeline", "parameters", "state?step=1", "chain")) {
            HttpResponse<String> response = get("/api/runs/" + encoded(RUN + "x") + "/" + endpoint);
            assertThat(response.statusCode()).as(endpoint).isEqualTo(404);
            JsonNode body = Json.mapper().readTree(response.body());
            assertThat(body.path("error").asText()).isEqualTo("no run '" + RUN + "x' in the ledger");
            assertThat(body.path("similar").get(0).asText()).isEqualTo(RUN);
        }
    }

    @Test
    void chainVerificationReportsTheRunIntact() throws Exception {
        JsonNode run = okJson("/api/runs/" + encoded(RUN) + "/chain");
        assertThat(run.path("intact").asBoolean()).isTrue();
        assertThat(run.path("runs").asLong()).isEqualTo(1);
        assertThat(run.path("rows").asLong()).isEqualTo(5);
        assertThat(run.path("breaks")).isEmpty();
        JsonNode all = okJson("/api/chain");
        assertThat(all.path("intact").asBoolean()).isTrue();
        assertThat(all.path("rows").asLong()).isEqualTo(5);
    }

    @Test
    void savingsCountTheLiveChangeInsteadOfARestartWithItsArithmetic() throws Exception {
        JsonNode run = okJson("/api/runs/" + encoded(RUN) + "/savings");
        assertThat(run.path("items")).hasSize(1);
        JsonNode item = run.path("items").get(0);
        assertThat(item.path("kind").asText()).isEqualTo("live_change");
        assertThat(item.path("step").asLong()).isEqualTo(2);
        assertThat(item.path("creditedTo").asText()).isEqualTo("rule plateau/halve");
        assertThat(item.path("commandId").asText()).isEqualTo("rule-cmd-1");
        assertThat(item.path("seconds")).isEqualTo(Json.mapper().createObjectNode().put("value", 1.9)
                .put("measure", "measured").put("basis", "restart 1.5 s (measured at the run's start) + 2 steps "
                        + "since the run's start (no checkpoint before) x median step 0.2 s"));
        assertThat(item.path("energyJoules").path("value").asDouble()).isEqualTo(190.0);
        assertThat(item.path("energyJoules").path("measure").asText()).isEqualTo("estimated");
        assertThat(item.has("bytes")).isFalse();
        JsonNode total = run.path("total");
        assertThat(total.path("secondsMeasured").asDouble()).isEqualTo(1.9);
        assertThat(total.path("joulesEstimated").asDouble()).isEqualTo(190.0);
        assertThat(run.path("byCredit").path("rule plateau/halve").path("items").asInt()).isEqualTo(1);
        JsonNode experiment = okJson("/api/savings?experiment=exp-web");
        assertThat(experiment).isEqualTo(run);
        HttpResponse<String> unknown = get("/api/savings?experiment=exp-wb");
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode body = Json.mapper().readTree(unknown.body());
        assertThat(body.path("error").asText()).isEqualTo("no experiment 'exp-wb' in the ledger");
        assertThat(body.path("similar").get(0).asText()).isEqualTo("exp-web");
    }

    private static JsonNode okJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static String encoded(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(web.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
