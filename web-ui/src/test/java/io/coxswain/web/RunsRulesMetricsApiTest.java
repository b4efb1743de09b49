package io.coxswain.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.embedded.EmbeddedKafka;
import io.coxswain.embedded.EmbeddedPostgresServer;
import io.coxswain.ledger.Ledger;
import io.coxswain.ledger.LedgerConfig;
import io.coxswain.ledger.ingest.IngestMeters;
import io.coxswain.ledger.ingest.LedgerIngest;
import io.coxswain.ledger.query.LedgerQueries;
import io.coxswain.ledger.savings.SavingsQueries;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.commands.Action;
import io.coxswain.protocol.commands.CommandSource;
import io.coxswain.protocol.commands.ControlCommand;
import io.coxswain.protocol.commands.SourceKind;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterChanged;
import io.coxswain.protocol.events.ParameterSpec;
import io.coxswain.protocol.events.RuleFailed;
import io.coxswain.protocol.events.RuleSetLoaded;
import io.coxswain.protocol.events.RuleSetRejected;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runs list with its filters and overview columns, the rules list and upload, and {@code /metrics}, over a ledger
 * filled by the real ingest from a real broker, with rule uploads published to that broker.
 */
class RunsRulesMetricsApiTest {
    private static final String TOKEN = "rules-test-token";
    private static final String RUN_A = "<b>runs-a</b>";
    private static final String RUN_B = "runs-b";
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;
    private static LedgerIngest ingest;
    private static PrometheusMeterRegistry metrics;
    private static WebServer web;

    @BeforeAll
    static void start(@TempDir Path dir) {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), 1);
        postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0);
        Ledger.migrate(postgres.jdbcUrl());
        metrics = WebServer.jvmMetrics();
        ingest = new LedgerIngest(LedgerConfig.defaults(kafka.bootstrap(), postgres.jdbcUrl())
                .withGroupId("web-runs-rules").withPollTimeout(Duration.ofMillis(100)));
        new IngestMeters(ingest).bindTo(metrics);
        ingest.start();
        CommandSource rule = new CommandSource(SourceKind.RULE, "control-streams", "plateau/halve",
                Json.mapper().createObjectNode().put("step", 2).put("loss", 0.9));
        ControlCommand halve = new ControlCommand("rule-cmd-a", RUN_A, T0.plusSeconds(3), rule,
                List.of(new Action.SetParameter("learning_rate", DoubleNode.valueOf(0.05))), "loss plateaued");
        List<EventEnvelope> events = new ArrayList<>(List.of(
                event(RUN_A, "exp-alpha", 1, 0, started("nightly", "mlp")),
                event(RUN_A, "exp-alpha", 2, 1, step(1, 1.0, 0.1)),
                event(RUN_A, "exp-alpha", 3, 2, step(2, 0.9, 0.1)),
                event(RUN_A, "exp-alpha", 4, 2, new ParameterChanged("rule-cmd-a", "learning_rate",
                        DoubleNode.valueOf(0.1), DoubleNode.valueOf(0.05), rule)),
                event(RUN_A, "exp-alpha", 5, 3, step(3, 0.8, 0.05)),
                event(RUN_A, "exp-alpha", 6, 3, new RuleFailed("halve", "on_log", "loss[-9] < 1",
                        "index -9 is out of range", "plateau")),
                event(RUN_B, "exp-beta", 1, 0, started("weekly")),
                event(RUN_B, "exp-beta", 2, 1, step(1, 2.0, 0.1)),
                event(Topics.rulesRunId("plateau"), null, 1, 0, new RuleSetLoaded("plateau", "a".repeat(64), null,
                        List.of("halve", "stop"), Json.mapper().createObjectNode())),
                event(Topics.rulesRunId("broken"), null, 1, 0, new RuleSetRejected("broken", "b".repeat(64),
                        "controller 'x', field 'rule', column 5: unexpected 'and' (broken line 4)"))));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CONTROL.name(), RUN_A, Topics.CONTROL.codec().encode(halve)));
            for (EventEnvelope e : events) {
                producer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), e.header().runId(),
                        Topics.RUN_EVENTS.codec().encode(e)));
            }
        }
        LedgerQueries ledger = LedgerQueries.connect(postgres.jdbcUrl());
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.eventCount(RUN_A) == 7
                && ledger.eventCount(RUN_B) == 2 && ledger.eventCount(Topics.rulesRunId("broken")) == 1);
        web = WebServer.start(new WebConfig("127.0.0.1", 0, TOKEN), Ledger.jdbi(postgres.jdbcUrl()),
                new KafkaRulesPublisher(kafka.bootstrap(), Duration.ofSeconds(20)), metrics);
    }

    private static RunStarted started(String... tags) {
        ObjectNode config = Json.mapper().createObjectNode().put("batch_size", 32);
        var array = config.putArray("tags");
        for (String tag : tags) {
            array.add(tag);
        }
        ParameterSpec lr = new ParameterSpec("learning_rate", "float", 0.0, 10.0, true, DoubleNode.valueOf(0.1),
                "optimizer learning rate");
        return new RunStarted(config, 7, "mlp-blobs", 100, List.of(lr), 1.5, null, null);
    }

    private static StepCompleted step(long step, double loss, double lr) {
        return new StepCompleted(step * 0.25, 0.25, step * 32, 32, loss, 1.0, lr, 0.2, true, false, null, 0L, null,
                160.0, null, null);
    }

    private static EventEnvelope event(String runId, String experiment, long seq, long step, RunEvent event) {
        return new EventEnvelope(new EventHeader(runId + "-" + seq, runId, experiment, seq, step,
                T0.plusSeconds(seq)), event);
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
        ingest.close();
        kafka.close();
        postgres.close();
    }

    @Test
    void listsRunsWithEpochTagsLastInterventionAndSavings() throws Exception {
        JsonNode runs = okJson("/api/runs");
        assertThat(runs).hasSize(2);
        JsonNode a = byRun(runs, RUN_A);
        assertThat(a.path("epoch").asDouble()).isEqualTo(0.75);
        assertThat(a.path("lastStep").asLong()).isEqualTo(3);
        assertThat(a.path("tags").toString()).isEqualTo("[\"nightly\",\"mlp\"]");
        assertThat(a.path("lastIntervention")).isEqualTo(Json.mapper().readTree("""
                {"rule": "plateau/halve", "actions": [{"op": "set", "param": "learning_rate", "value": 0.05}],
                 "step": 2, "outcome": "applied"}"""));
        var stored = SavingsQueries.connect(postgres.jdbcUrl()).storedItems(List.of(RUN_A));
        JsonNode saved = a.path("savedSeconds");
        assertThat(saved.path("items").asInt()).isEqualTo(stored.size());
        assertThat(saved.path("measured").asDouble() + saved.path("estimated").asDouble()).isCloseTo(
                stored.stream().mapToDouble(i -> i.seconds() == null ? 0 : i.seconds().value()).sum(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(byRun(runs, RUN_B).hasNonNull("lastIntervention")).isFalse();
        assertThat(okJson("/api/runs/" + encoded(RUN_A)).path("epoch").asDouble()).isEqualTo(0.75);
    }

    @Test
    void filtersRunsByExperimentAndByTag() throws Exception {
        assertThat(runIds(okJson("/api/runs?experiment=exp-beta"))).containsExactly(RUN_B);
        assertThat(runIds(okJson("/api/runs?tag=nightly"))).containsExactly(RUN_A);
        assertThat(runIds(okJson("/api/runs?experiment=exp-alpha&tag=weekly"))).isEmpty();
        assertThat(runIds(okJson("/api/runs?experiment=nope"))).isEmpty();
        assertThat(runIds(okJson("/api/runs?experiment=&tag="))).containsExactlyInAnyOrder(RUN_A, RUN_B);
    }

    @Test
    void listsRuleSetsWithTheirControllersFiringsAndProblems() throws Exception {
        JsonNode view = okJson("/api/rules");
        JsonNode plateau = null;
        JsonNode broken = null;
        for (JsonNode set : view.path("ruleSets")) {
            if (set.path("name").asText().equals("plateau")) {
                plateau = set;
            } else if (set.path("name").asText().equals("broken")) {
                broken = set;
            }
        }
        assertThat(plateau).as("%s", view).isNotNull();
        assertThat(plateau.path("running").asBoolean()).isTrue();
        assertThat(plateau.path("version").asText()).isEqualTo("a".repeat(64));
        assertThat(plateau.path("controllers")).isEqualTo(Json.mapper().readTree("""
                [{"name": "halve", "fired": 1, "applied": 1, "rejected": 0, "pending": 0},
                 {"name": "stop", "fired": 0, "applied": 0, "rejected": 0, "pending": 0}]"""));
        assertThat(broken.path("running").asBoolean()).isFalse();
        assertThat(broken.path("latestOutcome").asText()).isEqualTo("rejected");
        assertThat(broken.path("lastError").asText()).contains("column 5");
        List<String> problems = new ArrayList<>();
        view.path("problems").forEach(p -> problems.add(p.path("type").asText() + " " + p.path("runId").asText()
                + " " + p.path("controller").asText() + " " + p.path("message").asText()));
        assertThat(problems).contains(
                "RuleFailed " + RUN_A + " halve index -9 is out of range (rule: loss[-9] < 1)",
                "RuleSetRejected rules:broken  controller 'x', field 'rule', column 5: unexpected 'and'"
                        + " (broken line 4)");
    }

    @Test
    void refusesARuleSetThatDoesNotLoadNamingItsPosition() throws Exception {
        String yaml = """
                controller_metrics:
                  - {name: loss, class: Loss}
                controllers:
                  - name: bad
                    triggers: [on_log]
                    rule: loss["loss"] >= and 1
                    operations: [hfcontrols.should_training_stop]
                """;
        HttpResponse<String> response = post("/api/rules", Map.of("name", "bad-rules", "yaml", yaml));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode error = Json.mapper().readTree(response.body());
        assertThat(error.path("subject").asText()).isEqualTo("controller 'bad'");
        assertThat(error.path("field").asText()).isEqualTo("rule");
        assertThat(error.path("line").asInt()).isEqualTo(6);
        assertThat(error.path("column").asInt()).isPositive();
        assertThat(error.path("error").asText()).contains("controller 'bad'").contains("line 6");
        assertThat(post("/api/rules", Map.of("name", "../etc", "yaml", yaml)).statusCode()).isEqualTo(400);
        assertThat(post("/api/rules", Map.of("name", "empty")).statusCode()).isEqualTo(400);
    }

    @Test
    void publishesARuleSetThatLoadsToTheRulesTopic() throws Exception {
        String yaml = """
                controller_metrics:
                  - {name: state, class: TrainingState}
                controllers:
                  - {name: stop-late, triggers: [on_step_end], rule: 'state["global_step"] >= 1000000',
                     operations: [hfcontrols.should_training_stop]}
                """;
        HttpResponse<String> response = post("/api/rules", Map.of("name", "uploaded", "yaml", yaml));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = Json.mapper().readTree(response.body());
        assertThat(answer.path("name").asText()).isEqualTo("uploaded");
        assertThat(answer.path("controllers").toString()).isEqualTo("[\"stop-late\"]");
        assertThat(answer.path("version").asText()).hasSize(64);
        assertThat(rulesTopic()).containsEntry("uploaded", yaml);
    }

    @Test
    void servesPrometheusMetricsOfTheIngestTheLedgerReadsAndTheRequests() throws Exception {
        okJson("/api/runs");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(web.url() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        String text = response.body();
        assertThat(value(text, "coxswain_ledger_stored_total{group=\"web-runs-rules\"}")).isGreaterThanOrEqualTo(10);
        assertThat(value(text, "coxswain_ledger_batch_seconds_count{group=\"web-runs-rules\"}")).isPositive();
        assertThat(value(text, "coxswain_ledger_quarantined_total{group=\"web-runs-rules\"}")).isZero();
        assertThat(text)
                .contains("coxswain_ledger_queries_seconds_count{outcome=\"ok\",query=\"LedgerReads.overviews\"}")
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/runs\",status=\"200\"}")
                .contains("jvm_memory_used_bytes");
    }

    /** The value of the sample line starting with {@code series}. */
    private static double value(String text, String series) {
        return text.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no " + series + " in\n" + text));
    }

    private static Map<String, String> rulesTopic() {
        Map<String, String> seen = new java.util.HashMap<>();
        TopicPartition partition = new TopicPartition(Topics.RULES, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.put(r.key(), r.value());
                }
                return consumer.position(partition) >= end;
            });
        }
        return seen;
    }

    private static JsonNode byRun(JsonNode runs, String runId) {
        for (JsonNode run : runs) {
            if (run.path("runId").asText().equals(runId)) {
                return run;
            }
        }
        throw new AssertionError("no run " + runId + " in " + runs);
    }

    private static List<String> runIds(JsonNode runs) {
        List<String> ids = new ArrayList<>();
        runs.forEach(r -> ids.add(r.path("runId").asText()));
        return ids;
    }

    private static HttpResponse<String> post(String path, Map<String, String> body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(web.url() + path))
                .header("Content-Type", "application/json")
                .header("X-Coxswain-Token", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode okJson(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(web.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static String encoded(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
