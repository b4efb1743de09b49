package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.coxswain.agent.config.TrainingConfig;
import io.coxswain.protocol.topics.Topics;
import io.coxswain.streams.RulesFeed;
import io.coxswain.tests.browser.Chromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The runs, rules, audit and savings pages in a real browser against the shared stack, with real runs trained by real
 * agents and a real rule set steering one of them; and the stack's {@code /metrics} after that activity.
 */
@ExtendWith(SharedStack.class)
class WebPagesBrowserTest {
    private static final LocatorAssertions.HasTextOptions WAIT = new LocatorAssertions.HasTextOptions()
            .setTimeout(30_000);
    private static Chromium chromium;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            assertThat(chromium.dialogs()).as("dialogs raised by the pages").isEmpty();
            chromium.close();
        }
    }

    @Test
    void theRunsPageShowsALiveRunWhoseStepGrows(StackFixture stack) throws Exception {
        String suffix = suffix();
        String experiment = "web-live-" + suffix;
        String runId = "web-live-run-" + suffix;
        TrainingConfig config = TrainingConfig.builder(runId).experimentId(experiment).tags(List.of("live"))
                .maxSteps(1_000_000).seed(3).learningRate(0.001).checkpointDir(stack.home().resolve("ckpt")).build();
        try (AgentThread agent = AgentThread.start(stack.bootstrap(), config)) {
            Page page = chromium.newPage();
            page.navigate(stack.webUrl() + "/?experiment=" + experiment);
            Locator row = rowOf(page, "#runs", runId);
            PlaywrightAssertions.assertThat(row.locator("td.step")).hasText(Pattern.compile("^\\d+ / 1000000$"), WAIT);
            long first = stepOf(row);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(stepOf(row)).as(agent.state()).isGreaterThan(first + 5));
            PlaywrightAssertions.assertThat(row.locator("td.tags")).hasText("live");
            PlaywrightAssertions.assertThat(row.locator("td.status-running")).hasText("running");
            PlaywrightAssertions.assertThat(row.locator("td.run a")).hasAttribute("href",
                    "/run.html?id=" + runId);
            Chromium.screenshot(page, "runs-page-live");
        }
    }

    @Test
    void theRunsPageFiltersByExperimentAndKeepsTheFilterInTheUrl(StackFixture stack) throws Exception {
        String suffix = suffix();
        String mine = "web-filter-" + suffix;
        String chosen = "web-filter-mine-" + suffix;
        String other = "web-filter-other-" + suffix;
        try (AgentThread a = AgentThread.start(stack.bootstrap(), TrainingConfig.builder(chosen).experimentId(mine)
                     .maxSteps(20).seed(3).learningRate(0.001).checkpointDir(stack.home().resolve("ckpt")).build());
             AgentThread b = AgentThread.start(stack.bootstrap(), TrainingConfig.builder(other).experimentId(
                     "web-filter-elsewhere-" + suffix).maxSteps(20).seed(3).learningRate(0.001)
                     .checkpointDir(stack.home().resolve("ckpt")).build())) {
            a.awaitOutcome();
            b.awaitOutcome();
        }
        stack.awaitRows("SELECT run_id FROM runs WHERE run_id = ? AND status = 'finished'", chosen, 1);
        stack.awaitRows("SELECT run_id FROM runs WHERE run_id = ? AND status = 'finished'", other, 1);
        Page page = chromium.newPage();
        page.navigate(stack.webUrl() + "/");
        PlaywrightAssertions.assertThat(rowOf(page, "#runs", other)).isVisible();
        page.fill("#experiment", mine);
        page.click("#filters button[type=submit]");
        PlaywrightAssertions.assertThat(page.locator("#runs tbody tr")).hasCount(1);
        PlaywrightAssertions.assertThat(page.locator("#runs tbody tr td.run")).hasText(chosen);
        assertThat(page.url()).endsWith("/?experiment=" + mine);
        page.reload();
        PlaywrightAssertions.assertThat(page.locator("#experiment")).hasValue(mine);
        PlaywrightAssertions.assertThat(page.locator("#runs tbody tr")).hasCount(1);
        Chromium.screenshot(page, "runs-page-filtered");
    }

    @Test
    void aRuleSetThatSteersARunShowsOnTheRulesSavingsAuditPagesAndInTheMetrics(StackFixture stack) throws Exception {
        String suffix = suffix();
        String experiment = "web-rules-" + suffix;
        String name = "web-halve-" + suffix;
        RulesFeed.publish(stack.bootstrap(), name, """
                scope: {experiments: [%s]}
                controller_metrics:
                  - {name: state, class: TrainingState}
                  - {name: loss, class: Loss}
                controllers:
                  - name: halve-then-stop
                    triggers: [on_log]
                    rule: state["global_step"] >= 20 and loss["loss"] >= 0
                    operations:
                      - set: {learning_rate: "learning_rate * 0.5"}
                      - hfcontrols.should_training_stop
                """.formatted(experiment), Duration.ofSeconds(30));
        stack.awaitRows("SELECT type FROM events WHERE run_id = ?", Topics.rulesRunId(name), 1);
        String runId = "web-rules-run-" + suffix;
        try (AgentThread agent = AgentThread.start(stack.bootstrap(), TrainingConfig.builder(runId)
                .experimentId(experiment).maxSteps(100_000).seed(3).learningRate(0.002)
                .checkpointDir(stack.home().resolve("ckpt")).build())) {
            agent.awaitOutcome();
        }
        stack.awaitRows("SELECT run_id FROM savings WHERE run_id = ?", runId, 1);
        stack.awaitRows("SELECT outcome FROM commands WHERE run_id = ? AND outcome = 'applied'", runId, 1);

        Page rules = chromium.newPage();
        rules.navigate(stack.webUrl() + "/rules.html");
        Locator set = rowOf(rules, "#rule-sets", name);
        PlaywrightAssertions.assertThat(set.locator("td.state")).hasText("running", WAIT);
        PlaywrightAssertions.assertThat(set.locator("li")).hasText("halve-then-stop: 1 / 1 / 0 / 0", WAIT);
        Chromium.screenshot(rules, "rules-page");

        Page runs = chromium.newPage();
        runs.navigate(stack.webUrl() + "/?experiment=" + experiment);
        Locator run = rowOf(runs, "#runs", runId);
        PlaywrightAssertions.assertThat(run.locator("td.intervention")).hasText(
                Pattern.compile("^" + name + "/halve-then-stop: set learning_rate=0\\.001, trigger stop @\\d+"
                        + " \\(applied\\)$"), WAIT);
        PlaywrightAssertions.assertThat(run.locator("td.saved")).hasText(Pattern.compile("(measured|estimated)"));

        Page savings = chromium.newPage();
        savings.navigate(stack.webUrl() + "/savings.html?experiment=" + experiment);
        Locator credit = rowOf(savings, "#by-credit", "rule " + name + "/halve-then-stop");
        PlaywrightAssertions.assertThat(credit.locator("td.seconds")).hasText(
                Pattern.compile("\\d.* (measured|estimated)"), WAIT);
        PlaywrightAssertions.assertThat(rowOf(savings, "#by-run", runId)).isVisible();
        PlaywrightAssertions.assertThat(rowOf(savings, "#by-experiment", experiment)).isVisible();
        PlaywrightAssertions.assertThat(savings.locator("#total")).hasText(Pattern.compile("total time saved: .*"
                + "(measured|estimated).* over \\d+ item\\(s\\)"));
        PlaywrightAssertions.assertThat(savings.locator("#plot canvas")).hasCount(1);
        Chromium.screenshot(savings, "savings-page");

        Page audit = chromium.newPage();
        audit.navigate(stack.webUrl() + "/audit.html?run=" + runId);
        PlaywrightAssertions.assertThat(audit.locator("#chain")).hasText(Pattern.compile("^hash chain intact"), WAIT);
        PlaywrightAssertions.assertThat(audit.locator("#timeline tbody tr[data-type=RunStarted]")).hasCount(1);
        audit.fill("#filter", "halve-then-stop");
        PlaywrightAssertions.assertThat(audit.locator("#timeline tbody tr[data-type=RunStarted]")).hasCount(0);
        PlaywrightAssertions.assertThat(audit.locator("#timeline tbody tr[data-type=ControlCommand]")).hasCount(1);
        PlaywrightAssertions.assertThat(audit.locator("#timeline tbody tr[data-type=ParameterChanged]"))
                .hasCount(1);
        PlaywrightAssertions.assertThat(audit.locator("#status")).hasText(Pattern.compile(
                "^\\d+ of \\d+ entries matching \"halve-then-stop\"$"));
        Chromium.screenshot(audit, "audit-page");

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(stack.webUrl() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("coxswain_rules_firings_total\\{[^}]*rule=\""
                + Pattern.quote(name) + "/halve-then-stop\"[^}]*} [1-9]")
                .containsPattern("coxswain_ledger_stored_total\\{group=\"[^\"]+\"} [1-9]")
                .contains("coxswain_ledger_batch_seconds_count", "kafka_stream_", "jvm_memory_used_bytes",
                        "http_server_requests_seconds_count");
    }

    @Test
    void theRulesPageShowsAnUploadErrorWithItsPosition(StackFixture stack) {
        Page page = chromium.newPage();
        page.navigate(stack.webUrl() + "/rules.html");
        String token = stack.webToken();
        if (token != null) {
            page.fill("#token", token);
            page.dispatchEvent("#token", "change");
        }
        page.fill("#rule-name", "broken-" + suffix());
        page.fill("#rule-yaml", """
                controller_metrics:
                  - {name: loss, class: Loss}
                controllers:
                  - name: <img src=x onerror=alert(1)>
                    triggers: [on_log]
                    rule: loss["loss"] >= and 1
                    operations: [hfcontrols.should_training_stop]
                """);
        page.click("#rule-upload");
        PlaywrightAssertions.assertThat(page.locator("#upload-result .position"))
                .hasText(Pattern.compile("^line 6, column \\d+, controller '<img src=x onerror=alert\\(1\\)>', "
                        + "field 'rule'$"), WAIT);
        PlaywrightAssertions.assertThat(page.locator("#upload-result img")).hasCount(0);
        Chromium.screenshot(page, "rules-upload-error");
    }

    private static Locator rowOf(Page page, String table, String text) {
        return page.locator(table + " tbody tr").filter(new Locator.FilterOptions().setHasText(text)).first();
    }

    private static long stepOf(Locator row) {
        String text = row.locator("td.step").textContent();
        return Long.parseLong(text.substring(0, text.indexOf(' ')));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
