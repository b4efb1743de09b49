package io.coxswain.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.coxswain.tests.browser.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The runs page in a real browser against the shared stack. */
@ExtendWith(SharedStack.class)
class RunsPageBrowserTest {
    private static Chromium chromium;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void opensTheRunsPage(StackFixture stack) {
        Page page = chromium.newPage();
        page.navigate(stack.webUrl() + "/");
        PlaywrightAssertions.assertThat(page.locator("h1")).hasText("Coxswain");
        PlaywrightAssertions.assertThat(page.locator("#runs")).isVisible();
        assertThat(Chromium.screenshot(page, "runs-page")).exists();
        assertThat(chromium.dialogs()).isEmpty();
    }
}
