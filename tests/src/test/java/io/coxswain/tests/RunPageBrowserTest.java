package io.coxswain.tests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.coxswain.protocol.codec.Json;
import io.coxswain.protocol.events.EventEnvelope;
import io.coxswain.protocol.events.EventHeader;
import io.coxswain.protocol.events.RunEvent;
import io.coxswain.protocol.events.RunStarted;
import io.coxswain.protocol.events.StepCompleted;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.tests.browser.Chromium;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The run page in a real browser against the shared stack and a real DL4J run: the loss chart advances live, the
 * control panel changes the learning rate and shows the agent's answer, a rejected value shows the agent's reason, a
 * write without the token is refused, and a hostile run id stays text.
 */
@ExtendWith(SharedStack.class)
class RunPageBrowserTest {
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static final LocatorAssertions.HasAttributeOptions ANSWER_WAIT =
            new LocatorAssertions.HasAttributeOptions().setTimeout(30_000);
    private static Chromium chromium;
    private static StackFixture stack;

    @BeforeAll
    static void launch(StackFixture shared) {
        chromium = Chromium.launch();
        stack = shared;
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private Page openRun(String runId, boolean withToken) {
        Page page = chromium.newPage();
        page.navigate(stack.webUrl() + "/run.html?id=" + URLEncoder.encode(runId, StandardCharsets.UTF_8));
        if (withToken) {
            page.locator("#token").fill(stack.webToken());
        }
        return page;
    }

    private static int points(Page page) {
        String n = page.locator("#chart-loss").getAttribute("data-points");
        return n == null ? 0 : Integer.parseInt(n);
    }

    @Test
    void followsALiveRunAndSteersItsLearningRateFromThePanel() throws Exception {
        String runId = "browser-run-" + UUID.randomUUID();
        try (AgentThread agent = AgentThread.start(stack.bootstrap(), runId, 100_000, stack.home().resolve("ckpt"))) {
            stack.awaitRows("SELECT run_id FROM runs WHERE run_id = ?", runId, 1);
            Page page = openRun(runId, true);
            assertThat(page.locator("#run-id")).hasText(runId);

            page.waitForFunction("() => Number(document.querySelector('#chart-loss').dataset.points) > 0");
            int first = points(page);
            page.waitForFunction("n => Number(document.querySelector('#chart-loss').dataset.points) > n + 5", first);
            assertThat(points(page)).isGreaterThan(first + 5);

            Locator answer = page.locator("[data-answer=learning_rate]");
            page.locator("input[data-param=learning_rate]").fill("0.01");
            page.locator("#reason").fill("lower it from the browser");
            page.locator("button[data-set=learning_rate]").click();
            assertThat(answer).hasAttribute("data-outcome", "applied", ANSWER_WAIT);
            assertThat(answer).hasText(Pattern.compile("^applied: learning_rate: 0\\.001 → 0\\.01 at step \\d+$"));
            List<List<Object>> rows = stack.awaitRows("""
                    SELECT param, new_value::text, source_kind, author, reason FROM parameter_changes
                     WHERE run_id = ?""", runId, 1);
            assertThat(rows).containsExactly(List.of("learning_rate", "0.01", "user", "web",
                    "lower it from the browser"));
            assertThat(page.locator("#timeline tbody tr")).hasCount(1,
                    new LocatorAssertions.HasCountOptions().setTimeout(15_000));
            assertThat(page.locator("#timeline tbody tr td").nth(5)).hasText("web");
            Chromium.screenshot(page, "run-page-applied");

            page.locator("input[data-param=learning_rate]").fill("50");
            page.locator("button[data-set=learning_rate]").click();
            assertThat(answer).hasAttribute("data-outcome", "rejected", ANSWER_WAIT);
            assertThat(answer).hasText(Pattern.compile("^rejected: .*learning_rate.*50.*"));
            Chromium.screenshot(page, "run-page-rejected");

            Page noToken = openRun(runId, false);
            noToken.locator("button[data-set=learning_rate]").click();
            Locator refused = noToken.locator("[data-answer=learning_rate]");
            assertThat(refused).hasAttribute("data-outcome", "error", ANSWER_WAIT);
            assertThat(refused).hasText("refused (401): this write needs the web token in the X-Coxswain-Token "
                    + "header (paste the token that `cox up` printed into the token field)");
            Chromium.screenshot(noToken, "run-page-no-token");
            assertThat(stack.queryRows("SELECT 1 FROM parameter_changes WHERE run_id = ?", runId)).hasSize(1);
        }
        assertThat(chromium.dialogs()).isEmpty();
    }

    @Test
    void rendersAHostileRunIdAsInertText() throws Exception {
        String runId = HOSTILE + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                stack.bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            publish(producer, runId, 1, 0, new RunStarted(Json.mapper().createObjectNode(), 1, HOSTILE, 10, List.of(),
                    0.5));
            publish(producer, runId, 2, 1, new StepCompleted(0.1, 0.1, 32, 32, 0.9, 1.0, 0.001, 0.1, true, false,
                    null, 0L, null, null, null, null));
        }
        stack.awaitRows("SELECT run_id FROM runs WHERE run_id = ?", runId, 1);
        Page page = openRun(runId, false);
        assertThat(page.locator("#run-id")).hasText(runId);
        assertThat(page.locator("#status")).containsText("workload " + HOSTILE);
        page.waitForFunction("() => Number(document.querySelector('#chart-loss').dataset.points) > 0");
        assertThat(page.locator("main img")).hasCount(0);
        Chromium.screenshot(page, "run-page-hostile-id");
        assertThat(chromium.dialogs()).isEmpty();
    }

    private static void publish(KafkaProducer<String, byte[]> producer, String runId, long seq, long step,
                                RunEvent event) throws Exception {
        EventEnvelope e = new EventEnvelope(new EventHeader(UUID.randomUUID().toString(), runId, "browser", seq, step,
                Instant.now()), event);
        producer.send(new ProducerRecord<>(Topics.RUN_EVENTS.name(), runId, Topics.RUN_EVENTS.codec().encode(e))).get();
    }
}
