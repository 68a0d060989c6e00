package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.VigilConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The dashboard on a server with API keys: a login form first, the app after a valid key, logout ends the session. */
class DashboardLoginTest {
    static final String KEY = "dashboard-bootstrap-secret-0123456";
    static TestServer server;
    static Browser browser;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        server = TestServer.start(new VigilConfig.Access(KEY, 50, 100, 1000, 12));
        browser = Browser.open(server.vigil.port());
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    /** What the page's own fetch of a data endpoint answers with its cookies. */
    private static long subjectsStatus() {
        return (Long) browser.driver.executeAsyncScript("const done = arguments[0];"
                + "fetch('/api/v1/subjects', {credentials: 'same-origin'}).then(r => done(r.status));");
    }

    @Test
    void aWrongKeyIsRefusedAndTheRightOneOpensTheDashboardUntilLogout() {
        browser.driver.get(browser.base + "/");
        browser.waitFor(By.id("login-key"));
        assertThat(browser.driver.findElement(By.id("nav")).isDisplayed()).as("no tabs before login").isFalse();
        browser.screenshot("dashboard-login");

        browser.driver.findElement(By.id("login-key")).sendKeys("vgl_not-the-key");
        browser.driver.findElement(By.id("login-submit")).click();
        browser.waitText(By.id("login-error"), t -> t.contains("not valid"), "the server's refusal");
        assertThat(subjectsStatus()).isEqualTo(401);

        browser.driver.findElement(By.id("login-key")).sendKeys(KEY);
        browser.driver.findElement(By.id("login-submit")).click();
        browser.waitText(By.id("who-name"), t -> t.equals("bootstrap (admin)"), "who is signed in");
        browser.waitFor(By.cssSelector("#tiles .empty, #tiles .tile"));
        assertThat(subjectsStatus()).as("the session cookie opens data endpoints").isEqualTo(200);

        browser.page("gallery");
        browser.waitText(By.id("gallery-count"), t -> t.equals("0 people"), "the gallery after a reload, still signed in");

        browser.driver.findElement(By.id("logout")).click();
        browser.waitFor(By.id("login-key"));
        assertThat(subjectsStatus()).as("logout ends the session on the server").isEqualTo(401);
        assertThat(Browser.unexpected(browser.severeConsole())).as("browser console errors").isEmpty();
    }
}
