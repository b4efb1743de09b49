package io.coxswain.tests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium driven by Playwright, headless; no browser is downloaded. Where Chromium is missing the browser
 * tests skip on a developer's machine and fail in CI (CI=true), where .ci/run installs it. Pages opened here record
 * the dialogs they raise (an {@code alert} from injected markup would show up) and save screenshots under
 * {@code target/screenshots/}.
 */
public final class Chromium implements AutoCloseable {
    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Playwright playwright;
    private final Browser browser;
    private final List<String> dialogs = new ArrayList<>();

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Chromium launch() {
        boolean present = Files.isExecutable(EXECUTABLE);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as(EXECUTABLE + " must be installed in CI (.ci/run installs chromium)").isTrue();
        }
        Assumptions.assumeTrue(present, "chromium is not installed (apt-get install chromium)");
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE).setHeadless(true).setArgs(List.of("--no-sandbox")));
        return new Chromium(playwright, browser);
    }

    /** A new page in a fresh context; every dialog it raises is recorded and dismissed. */
    public Page newPage() {
        Page page = browser.newContext().newPage();
        page.onDialog(dialog -> {
            synchronized (dialogs) {
                dialogs.add(dialog.type() + ": " + dialog.message());
            }
            dialog.dismiss();
        });
        return page;
    }

    /** The dialogs (alert, confirm, prompt) any page raised so far. */
    public List<String> dialogs() {
        synchronized (dialogs) {
            return List.copyOf(dialogs);
        }
    }

    /** Saves a full-page screenshot as {@code target/screenshots/NAME.png}, a test artifact. */
    public static Path screenshot(Page page, String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
