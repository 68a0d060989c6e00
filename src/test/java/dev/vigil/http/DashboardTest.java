package dev.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.TestFaces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/** The dashboard in a real headless Chromium against a real server (no API keys: open on loopback). */
class DashboardTest {
    static TestServer server;
    static Http http;
    static Browser browser;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        server = TestServer.start();
        http = server.http;
        browser = Browser.open(server.vigil.port());
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    /** Every test also checks that the page threw no script error on the way. */
    @AfterEach
    void noScriptErrors() {
        assertThat(Browser.unexpected(browser.severeConsole())).as("browser console errors").isEmpty();
    }

    static String enroll(String name, byte[] photo) {
        var r = http.post("/api/v1/enroll", Http.form().text("name", name).text("create", "true").file("image", name + ".jpg", photo));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("subject").path("id").asText();
    }

    static By card(String name) {
        return By.cssSelector(".person[data-name='" + name + "']");
    }

    /** Waits until every template thumbnail of the person's card has loaded a real picture; returns how many. */
    static long loadedThumbnails(String name) {
        return browser.until(d -> {
            Object n = browser.driver.executeScript("const card = document.querySelector(arguments[0]);"
                    + "const imgs = card ? [...card.querySelectorAll('.thumb-img')] : [];"
                    + "return imgs.length && imgs.every(i => i.complete && i.naturalWidth > 0) ? imgs.length : null;",
                    ".person[data-name='" + name + "']");
            return n == null ? null : ((Number) n).longValue();
        });
    }

    @Test
    void enrollingAPhotoByUploadShowsThePersonWithAThumbnail() {
        browser.page("gallery");
        browser.waitFor(By.id("enroll-name")).sendKeys("Ada Upload");
        browser.driver.findElement(By.id("enroll-files")).sendKeys(Browser.file("ada.jpg", TestFaces.portrait(TestFaces.sample(3), 0)));

        browser.waitText(By.cssSelector("#enroll-log .result"), t -> t.startsWith("enrolled as Ada Upload"), "the upload result");
        WebElement card = browser.waitFor(card("Ada Upload"));
        assertThat(card.findElement(By.cssSelector(".person-count")).getText()).isEqualTo("1 template");
        assertThat(loadedThumbnails("Ada Upload")).isEqualTo(1);
        JsonNode subjects = http.get("/api/v1/subjects?limit=1000").json().get("subjects");
        assertThat(subjects.findValuesAsText("name")).contains("Ada Upload");
    }

    @Test
    void aBadUploadShowsTheServersMessage() {
        byte[] text = "these are meeting notes, not a photo".getBytes(StandardCharsets.UTF_8);
        var direct = http.post("/api/v1/enroll", Http.form().text("name", "Notes").text("create", "true").file("image", "notes.txt", text));
        assertThat(direct.status()).isBetween(400, 499);
        String message = direct.json().path("message").asText();
        assertThat(message).isNotBlank();

        browser.page("gallery");
        browser.waitFor(By.id("enroll-name")).sendKeys("Notes");
        browser.driver.findElement(By.id("enroll-files")).sendKeys(Browser.file("notes.txt", text));

        browser.waitText(By.cssSelector(".toast.error"), t -> t.contains(message), "an error toast with: " + message);
        browser.waitText(By.cssSelector("#enroll-log .result.error"), t -> t.contains(message), "the upload's result line");
        browser.screenshot("dashboard-error");
        assertThat(browser.driver.findElements(card("Notes"))).isEmpty();
    }

    @Test
    void renamingAPersonChangesTheNameInTheGalleryAndOnTheServer() {
        String id = enroll("Grace Before", TestFaces.portrait(TestFaces.sample(5), 1));
        browser.page("gallery");
        browser.waitFor(card("Grace Before")).findElement(By.cssSelector("button.rename")).click();
        WebElement input = browser.waitFor(By.id("dialog-input"));
        input.clear();
        input.sendKeys("Grace After");
        browser.driver.findElement(By.id("dialog-confirm")).click();

        browser.waitFor(card("Grace After"));
        assertThat(browser.driver.findElements(card("Grace Before"))).isEmpty();
        assertThat(http.get("/api/v1/subjects/" + id).json().path("name").asText()).isEqualTo("Grace After");
    }

    @Test
    void deletingAPersonAsksFirstAndThenTheyAreGone() {
        String id = enroll("Delete Me", TestFaces.portrait(TestFaces.sample(5), 2));
        browser.page("gallery");
        browser.waitFor(card("Delete Me")).findElement(By.cssSelector("button.delete")).click();
        browser.waitText(By.cssSelector("#dialog .dialog-message"), t -> t.contains("Delete Me"), "the confirmation");
        browser.driver.findElement(By.cssSelector("#dialog button.secondary")).click(); // Cancel
        browser.waitGone(By.id("dialog-confirm"));
        assertThat(http.get("/api/v1/subjects/" + id).status()).as("cancel keeps the person").isEqualTo(200);

        browser.driver.findElement(card("Delete Me")).findElement(By.cssSelector("button.delete")).click();
        browser.waitFor(By.id("dialog-confirm")).click();

        browser.waitGone(card("Delete Me"));
        assertThat(http.get("/api/v1/subjects/" + id).status()).isEqualTo(404);
    }

    @Test
    void deletingOneTemplateKeepsThePersonWithTheOthers() {
        String id = enroll("Two Photos", TestFaces.portrait(TestFaces.sample(6), 0));
        var second = http.post("/api/v1/subjects/" + id + "/templates", Http.form().file("image", "b.jpg", TestFaces.halfSize(TestFaces.sample(6))));
        if (second.status() != 201) { // the whole photo has several faces: enrol the same portrait again instead
            second = http.post("/api/v1/subjects/" + id + "/templates", Http.form().file("image", "b.jpg", TestFaces.portrait(TestFaces.sample(6), 0)));
        }
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        browser.page("gallery");
        browser.waitFor(card("Two Photos"));
        assertThat(loadedThumbnails("Two Photos")).isEqualTo(2);

        browser.driver.findElement(By.cssSelector(".person[data-name='Two Photos'] .thumb .thumb-delete")).click();
        browser.waitFor(By.id("dialog-confirm")).click();

        browser.waitText(By.cssSelector(".person[data-name='Two Photos'] .person-count"), t -> t.equals("1 template"), "one template left");
        assertThat(loadedThumbnails("Two Photos")).isEqualTo(1);
        assertThat(http.get("/api/v1/subjects/" + id).json().path("templates").size()).isEqualTo(1);
    }

    @Test
    void aZipOfPeopleIsImportedAndTheyAppear() {
        var entries = new LinkedHashMap<String, byte[]>();
        entries.put("Zip Left/1.jpg", TestFaces.portrait(TestFaces.sample(4), 0));
        entries.put("Zip Right.jpg", TestFaces.portrait(TestFaces.sample(4), 3));
        entries.put("readme.txt", "not a photo".getBytes(StandardCharsets.UTF_8));
        browser.page("gallery");
        browser.waitFor(By.id("enroll-files")).sendKeys(Browser.file("people.zip", Zips.of(entries)));

        browser.waitText(By.cssSelector("#enroll-log .result"), t -> t.startsWith("imported: 2 enrolled, 1 skipped"), "the import summary");
        browser.waitFor(card("Zip Left"));
        browser.waitFor(card("Zip Right"));
    }

    /** Each page mounts, shows its content or empty state, and keeps to the screen of a phone. */
    @Test
    void everyPageRendersAndFitsAPhone() {
        enroll("Katya", TestFaces.portrait(TestFaces.sample(5), 1));
        enroll("Ema", TestFaces.portrait(TestFaces.sample(5), 3));
        enroll("John", TestFaces.portrait(TestFaces.sample(5), 0));

        // With the streams and events APIs there, the file-stream test takes these pictures, with something in them.
        boolean streamsApi = http.get("/api/v1/streams").status() != 404, eventsApi = http.get("/api/v1/events").status() != 404;
        browser.page("live");
        browser.waitFor(By.cssSelector("#tiles .empty, #tiles .tile"));
        if (!streamsApi) browser.screenshot("dashboard-live");
        browser.page("events");
        browser.waitFor(By.cssSelector("#events .empty, #events .event"));
        if (!eventsApi) browser.screenshot("dashboard-events");
        browser.page("gallery");
        for (String name : List.of("Katya", "Ema", "John")) loadedThumbnails(name);
        browser.screenshot("dashboard-gallery");
        browser.page("streams");
        browser.waitFor(By.cssSelector("#streams-table .empty, #streams-table table"));
        browser.waitFor(By.id("stream-form"));
        if (!streamsApi) browser.screenshot("dashboard-streams");
        browser.page("nodes");
        browser.waitText(By.cssSelector("#nodes-table"), t -> t.contains("vigil node") || t.contains("heartbeat"), "nodes or what they are");
        browser.screenshot("dashboard-nodes");
        browser.page("thresholds");
        browser.waitFor(By.cssSelector("#live-stats .empty, #live-stats .card"));
        browser.waitText(By.id("eval"), t -> t.contains("vigil eval"), "the eval section");
        browser.screenshot("dashboard-thresholds");

        browser.driver.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String page : List.of("gallery", "live", "events", "streams", "thresholds")) {
                browser.page(page);
                browser.waitFor(By.cssSelector("main .toolbar"));
                if (page.equals("gallery")) loadedThumbnails("Katya");
                if (page.equals("gallery")) browser.screenshot("dashboard-phone");
                Object overflow = browser.driver.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Object wide = browser.driver.executeScript("return [...document.querySelectorAll('main *')]"
                        + ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                        + ".slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className).join('; ')");
                assertThat(((Number) overflow).intValue()).as(page + " scrolls sideways on a phone: " + wide).isLessThanOrEqualTo(0);
            }
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    /** Needs the streams and events APIs and ../shared/video; skipped, saying which is missing, until they are there. */
    @Test
    void aFileStreamShowsALiveTileAndItsEventsAppear() throws Exception {
        assumeTrue(http.get("/api/v1/streams").status() != 404, "skipped: this build has no streams API");
        assumeTrue(http.get("/api/v1/events").status() != 404, "skipped: this build has no events API");
        Path video = TestFaces.shared().resolve("video/short_hamilton_clip.mp4");
        assumeTrue(Files.isRegularFile(video), "skipped: no video at " + video);

        browser.page("streams");
        browser.waitFor(By.id("stream-name")).sendKeys("white-house");
        browser.driver.findElement(By.id("stream-url")).sendKeys(video.toString());
        browser.driver.findElement(By.id("stream-fps")).sendKeys("5");
        browser.driver.findElement(By.id("stream-loop")).click();
        browser.driver.findElement(By.id("stream-submit")).click();
        browser.waitText(By.cssSelector("#streams-table tr[data-state] td:first-child"), t -> t.startsWith("white-house"), "the stream's row");
        browser.waitFor(By.cssSelector("#streams-table tr[data-state='live']"));
        browser.screenshot("dashboard-streams");

        browser.page("live");
        WebElement tile = browser.waitFor(By.cssSelector(".tile[data-state='live']"));
        browser.until(d -> (Boolean) browser.driver.executeScript(
                "const i = arguments[0].querySelector('img.mjpeg'); return i.complete && i.naturalWidth > 0 || null;", tile));
        assertThat(tile.findElement(By.cssSelector(".tile-stats")).getText()).contains("fps").contains("dropped");
        browser.screenshot("dashboard-live");
        tile.click();
        browser.waitFor(By.id("tracks"));
        browser.screenshot("dashboard-live-large");

        browser.page("events");
        browser.waitFor(By.cssSelector("#events .event"));
        browser.screenshot("dashboard-events");

        browser.page("streams");
        browser.waitFor(By.cssSelector("#streams-table button.danger")).click();
        browser.waitFor(By.id("dialog-confirm")).click();
        browser.waitFor(By.cssSelector("#streams-table .empty"));
    }
}
