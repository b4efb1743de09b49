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
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.ParameterSpec;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.web.control.KafkaAccess;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes through the web API over real HTTP, a real broker and a real ledger: the guard (token, origin, JSON), body
 * validation, and commands relayed to a played agent with its answer relayed back; the run's event stream.
 */
class WriteApiTest {
    private static final String RUN = "web-write-1";
    private static final String SILENT_RUN = "web-write-silent";
    private static final String TOKEN = "0123456789abcdef-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;
    private static LedgerIngest ingest;
    private static PlayedAgent agent;
    private static WebServer web;
    private static WebServer readOnly;
    private static WebServer noKafka;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        kafka.ensureTopics(Set.of(Topics.RUN_EVENTS.name(), Topics.CONTROL.name()), 1);
        postgres = EmbeddedPostgresServer.start(dir.resolve("pg"), 0);
        Ledger.migrate(postgres.jdbcUrl());
        ingest = new LedgerIngest(LedgerConfig.defaults(kafka.bootstrap(), postgres.jdbcUrl())
                .withGroupId("web-write").withPollTimeout(Duration.ofMillis(100)));
        ingest.start();
        ParameterSpec lr = new ParameterSpec("learning_rate", "float", 0.0, 10.0, true, DoubleNode.valueOf(0.1),
                "optimizer learning rate");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (String run : List.of(RUN, SILENT_RUN)) {
                send(producer, event(run, 1, 0, new RunStarted(Json.mapper().createObjectNode(), 7, "mlp-blobs", 100,
                        List.of(lr), 1.5)));
                send(producer, event(run, 2, 1, step(1, 1.0)));
            }
        }
        LedgerQueries ledger = LedgerQueries.connect(postgres.jdbcUrl());
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.eventCount(RUN) == 2
                && ledger.eventCount(SILENT_RUN) == 2);
        agent = new PlayedAgent(kafka.bootstrap(), RUN, DoubleNode.valueOf(0.1));
        KafkaAccess access = KafkaAccess.unsigned(kafka.bootstrap()).withAnswerTimeout(Duration.ofSeconds(2));
        web = WebServer.start(new WebConfig("127.0.0.1", 0, TOKEN), Ledger.jdbi(postgres.jdbcUrl()),
                Optional.of(access));
        readOnly = WebServer.start(new WebConfig("127.0.0.1", 0), Ledger.jdbi(postgres.jdbcUrl()), Optional.of(access));
        noKafka = WebServer.start(new WebConfig("127.0.0.1", 0, TOKEN), Ledger.jdbi(postgres.jdbcUrl()));
    }

    private static void send(KafkaProducer<String, byte[]> producer, EventEnvelope e) {
        producer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), e.runId(), Topics.RUN_EVENTS.codec().encode(e)));
    }

    private static StepCompleted step(long step, double loss) {
        return new StepCompleted(step * 0.1, 0.1, step * 32, 32, loss, 1.0, 0.1, 0.2, true, false, null, 0L, null,
                160.0, null, null);
    }

    private static EventEnvelope event(String run, long seq, long step, io.coxswain.protocol.events.RunEvent event) {
        return new EventEnvelope(new EventHeader(run + "-" + seq, run, "exp-web", seq, step,
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq)), event);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {web, readOnly, noKafka, agent, ingest, kafka, postgres}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static final String SET_LR = "{\"actions\":[{\"op\":\"set\",\"param\":\"learning_rate\",\"value\":0.01}],"
            + "\"reason\":\"from the test\"}";

    @Test
    void refusesAWriteWithoutTheTokenWith401() throws Exception {
        HttpResponse<String> r = post(web, "/api/runs/" + RUN + "/commands", SET_LR, null, "application/json", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(error(r)).isEqualTo("this write needs the web token in the X-Coxswain-Token header (paste the "
                + "token that `cox up` printed into the token field)");
    }

    @Test
    void refusesAWrongTokenWith403() throws Exception {
        HttpResponse<String> r = post(web, "/api/runs/" + RUN + "/commands", SET_LR, "not-the-token",
                "application/json", null);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(error(r)).isEqualTo("the web token is wrong");
    }

    @Test
    void refusesAForeignOriginWith403EvenWithTheToken() throws Exception {
        HttpResponse<String> r = post(web, "/api/runs/" + RUN + "/commands", SET_LR, TOKEN, "application/json",
                "https://evil.example");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(error(r)).isEqualTo("cross-origin write refused: origin https://evil.example is not this server's");
    }

    @Test
    void acceptsTheServersOwnOrigin() throws Exception {
        HttpResponse<String> r = post(web, "/api/runs/" + RUN + "/commands", SET_LR, TOKEN, "application/json",
                web.url());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void refusesANonJsonBodyWith415() throws Exception {
        HttpResponse<String> r = post(web, "/api/runs/" + RUN + "/commands", "actions=x", TOKEN,
                "application/x-www-form-urlencoded", null);
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(error(r)).isEqualTo("writes take a JSON body (Content-Type: application/json), got "
                + "application/x-www-form-urlencoded");
    }

    @Test
    void refusesEveryWriteWith403WhenNoTokenIsConfigured() throws Exception {
        HttpResponse<String> r = post(readOnly, "/api/runs/" + RUN + "/commands", SET_LR, TOKEN, "application/json",
                null);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(error(r)).isEqualTo("writes are disabled: no token is configured");
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(readOnly.url() + "/api/runs")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("reads stay open").isEqualTo(200);
    }

    @Test
    void namesTheBadFieldOfAMalformedBody() throws Exception {
        assertThat(badRequest("{\"actions\":[{\"op\":\"set\",\"value\":1}]}")).isEqualTo("actions[0]: missing 'param'");
        assertThat(badRequest("{\"actions\":[]}"))
                .isEqualTo("field 'actions' is empty: a command needs at least one action");
        assertThat(badRequest("{\"actions\":[{\"op\":\"explode\"}]}"))
                .isEqualTo("actions[0]: op 'explode' is unknown (expected set, trigger or load_checkpoint)");
        assertThat(badRequest("{\"actions\":[{\"op\":\"trigger\",\"name\":\"stop\"}],\"reason\":5}"))
                .isEqualTo("field 'reason' must be a string");
        assertThat(badRequest("{\"actions\":[{\"op\":\"trigger\",\"name\":\"stop\"}],\"author\":\"me\"}"))
                .isEqualTo("unknown field 'author' (expected 'actions' and optionally 'reason')");
        assertThat(badRequest("[1]"))
                .isEqualTo("the body must be a JSON object with field 'actions' (and optionally 'reason')");
        assertThat(badRequest("{\"actions\":")).startsWith("the body is not JSON: ");
    }

    private static String badRequest(String body) throws Exception {
        HttpResponse<String> r = post(web, "/api/runs/" + RUN + "/commands", body, TOKEN, "application/json", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        return error(r);
    }

    @Test
    void answers404ForAnUnknownRun() throws Exception {
        HttpResponse<String> r = post(web, "/api/runs/web-write-2/commands", SET_LR, TOKEN, "application/json", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(error(r)).isEqualTo("no run 'web-write-2' in the ledger");
    }

    @Test
    void relaysTheAgentsAppliedAnswerAndItsRejection() throws Exception {
        HttpResponse<String> applied = post(web, "/api/runs/" + RUN + "/commands", SET_LR, TOKEN, "application/json",
                null);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        JsonNode a = Json.mapper().readTree(applied.body());
        assertThat(a.path("commandId").asText()).startsWith("web-");
        assertThat(a.path("outcome").asText()).isEqualTo("applied");
        assertThat(a.hasNonNull("reason")).isFalse();
        assertThat(a.path("answers")).hasSize(1);
        JsonNode change = a.path("answers").get(0);
        assertThat(change.path("type").asText()).isEqualTo("ParameterChanged");
        assertThat(change.path("commandId").asText()).isEqualTo(a.path("commandId").asText());
        assertThat(change.path("param").asText()).isEqualTo("learning_rate");
        assertThat(change.path("newValue").asDouble()).isEqualTo(0.01);
        assertThat(change.path("source").path("kind").asText()).isEqualTo("user");
        assertThat(change.path("source").path("author").asText()).isEqualTo("web");

        HttpResponse<String> rejected = post(web, "/api/runs/" + RUN + "/commands",
                "{\"actions\":[{\"op\":\"set\",\"param\":\"learning_rate\",\"value\":50}]}", TOKEN,
                "application/json", null);
        assertThat(rejected.statusCode()).isEqualTo(200);
        JsonNode r = Json.mapper().readTree(rejected.body());
        assertThat(r.path("outcome").asText()).isEqualTo("rejected");
        assertThat(r.path("reason").asText()).isEqualTo("learning_rate must be > 0 and <= 10, got 50");
        assertThat(r.path("answers").get(0).path("type").asText()).isEqualTo("CommandRejected");
    }

    @Test
    void answers504WhenTheAgentDoesNotAnswerInTime() throws Exception {
        HttpResponse<String> r = post(web, "/api/runs/" + SILENT_RUN + "/commands", SET_LR, TOKEN,
                "application/json", null);
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(error(r)).isEqualTo("no answer from run '" + SILENT_RUN + "' within 2 s; the command stays on the "
                + "control topic and applies when the agent reads it");
    }

    @Test
    void answers503ForAWriteWhenNoKafkaIsConfigured() throws Exception {
        HttpResponse<String> r = post(noKafka, "/api/runs/" + RUN + "/commands", SET_LR, TOKEN, "application/json",
                null);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(error(r)).isEqualTo("no Kafka configured: this web UI cannot send commands");
    }

    @Test
    void declaresTheRunsParametersWithBoundsAndTheTriggers() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(web.url() + "/api/runs/" + SILENT_RUN
                + "/parameters/declared")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(r.body())).isEqualTo(Json.mapper().readTree("""
                {"parameters":[{"name":"learning_rate","type":"float","min":0.0,"max":10.0,"minExclusive":true,
                  "value":0.1,"description":"optimizer learning rate"}],
                 "triggers":["checkpoint","evaluate","log","stop","epoch_stop","pause","resume"]}"""));
    }

    @Test
    void streamsTheRunsHistoryThenItsLiveEvents() throws Exception {
        HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(web.url() + "/api/runs/" + RUN
                + "/events")).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("text/event-stream"));
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("closed: " + e.getMessage());
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event: StepCompleted"));
        assertThat(lines).contains("event: RunStarted");
        assertThat(lines.stream().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList())
                .anySatisfy(d -> assertThat(Json.mapper().readTree(d).path("eventId").asText()).isEqualTo(RUN + "-2"));
        agent.publish(step(2, 0.7));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().filter(l -> l.startsWith("data: "))
                .map(l -> l.substring(6)).anyMatch(d -> d.contains("\"loss\":0.7")));
        r.body().close();
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return Json.mapper().readTree(r.body()).path("error").asText();
    }

    private static HttpResponse<String> post(WebServer server, String path, String body, String token,
                                             String contentType, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
        if (token != null) {
            b.header("X-Coxswain-Token", token);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
