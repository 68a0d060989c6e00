package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's headless Chromium driven through its own chromedriver (Debian {@code chromium} and
 * {@code chromium-driver}); Selenium never downloads a browser or a driver. Tests are skipped, saying so, when the
 * browser is not installed.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("vigil.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("vigil.chromedriver", "/usr/bin/chromedriver"));
    /** Screenshots always go to target/screenshots; with -Dvigil.screenshots=true also to docs/img for the README. */
    static final boolean PUBLISH = Boolean.getBoolean("vigil.screenshots");

    final ChromeDriver driver;
    final String base;
    private final Path profile;
    private final List<String> console = new ArrayList<>();

    /** Skips the calling test (class) when the system browser or its driver is not installed. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no chromium at " + CHROMIUM);
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "skipped: no chromedriver at " + CHROMEDRIVER);
    }

    /**
     * Console errors other than the API's own 4xx answers (a refused upload, a feature this build lacks), which the
     * page turns into messages; what is left are script errors and assets that failed to load.
     */
    static List<String> unexpected(List<String> severe) {
        return severe.stream().filter(m -> !(m.contains("/api/v1/") && m.contains("the server responded with a status of 4"))).toList();
    }

    private Browser(int port) throws IOException {
        assumeInstalled();
        base = "http://127.0.0.1:" + port;
        profile = Files.createTempDirectory("vigil-chromium-");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--window-size=1280,900", "--force-prefers-reduced-motion",
                "--user-data-dir=" + profile);
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    static Browser open(int port) {
        try {
            return new Browser(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a dashboard page ("gallery", "events", ...) and waits until the app has mounted it. */
    void page(String name) {
        driver.get("about:blank"); // a fresh load even when only the hash would change
        driver.get(base + "/#/" + name);
        waitFor(By.cssSelector("main[data-page='" + name + "']"));
    }

    WebElement waitFor(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitGone(By by) {
        until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    <T> T until(java.util.function.Function<WebDriver, T> condition) {
        return wait30().until(condition);
    }

    /** Thirty seconds, polling; elements the page re-renders meanwhile are simply looked up again. */
    private org.openqa.selenium.support.ui.FluentWait<WebDriver> wait30() {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    /** Waits until the text of the element matches. */
    WebElement waitText(By by, Predicate<String> test, String what) {
        return wait30().withMessage(what).until(d -> {
            var found = d.findElements(by);
            return found.stream().filter(e -> e.isDisplayed() && test.test(e.getText())).findFirst().orElse(null);
        });
    }

    /** Browser console messages at SEVERE level since the last call (script errors, failed loads). */
    List<String> severeConsole() {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) console.add(e.getMessage());
        }
        var out = List.copyOf(console);
        console.clear();
        return out;
    }

    /** Saves a PNG of the window as target/screenshots/NAME.png (and docs/img/NAME.png when publishing). */
    void screenshot(String name) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        assertThat(png).isNotEmpty();
        try {
            Path target = Path.of("target", "screenshots");
            Files.createDirectories(target);
            Files.write(target.resolve(name + ".png"), png);
            if (PUBLISH) Files.write(Path.of("docs", "img", name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes bytes to a temp file named as given (the browser uploads it under that name). */
    static String file(String name, byte[] content) {
        try {
            Path dir = Files.createTempDirectory("vigil-upload-");
            Path f = dir.resolve(name);
            Files.write(f, content);
            return f.toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp profile left behind is harmless
        }
    }
}
