package dev.switchboard.console;

import dev.switchboard.client.WsClient;
import dev.switchboard.ItSupport;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.switchboard.ItSupport.http;
import static dev.switchboard.ItSupport.object;
import static dev.switchboard.ItSupport.ws;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser console at {@code /}, driven in Debian's headless Chromium against the deployed WAR: every
 * panel end to end. Screenshots of each panel at 1280×800 and 420 px wide go to target/console-screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserConsoleIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path TARGET = Path.of(System.getProperty("java.io.tmpdir")); // target/ (pom.xml)
    private static final Path SCREENSHOTS = TARGET.resolve("console-screenshots");
    private static final String MOVE_SCHEMA = "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":2},"
            + "\"y\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":2}},\"required\":[\"x\",\"y\"]}";

    private static ChromeDriverService service;
    private static WebDriver driver;

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startBrowser() throws IOException {
        Chromium chromium = Chromium.find();
        Path home = Files.createDirectories(TARGET.resolve("chromium/home"));
        Path tmp = Files.createDirectories(TARGET.resolve("chromium/tmp"));
        Path profile = Files.createTempDirectory(Files.createDirectories(TARGET.resolve("chromium/profiles")), "profile-");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromium.driver().toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("HOME", home.toString(), "TMPDIR", tmp.toString()))
                .withLogFile(TARGET.resolve("chromium/chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.browser().toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--window-size=1280,800");
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    private void open(String panel) {
        driver.manage().window().setSize(new Dimension(1280, 800));
        driver.get("about:blank"); // a fresh page for every test, not just a new #fragment
        driver.get(http(base, "") + "#" + panel);
        for (String endpoint : List.of("calls", "runs", "events", "neuro")) {
            until(ExpectedConditions.attributeToBe(By.cssSelector(".conn[data-endpoint=" + endpoint + "]"), "data-state", "open"));
        }
        assertEquals("true", driver.findElement(By.id("tab-" + panel)).getAttribute("aria-selected"));
    }

    private <T> T until(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(20)).until(condition);
    }

    private WebElement panel(String name) {
        return driver.findElement(By.id("panel-" + name));
    }

    /** The panel as it is now, at 1280×800 and 420 px wide. */
    private void screenshots(String name) throws IOException {
        for (int width : new int[] {1280, 420}) {
            driver.manage().window().setSize(new Dimension(width, 800));
            until(d -> ((Number) ((ChromeDriver) d).executeScript("return window.innerWidth")).intValue() <= width);
            ((ChromeDriver) driver).executeScript("window.scrollTo(0, 0)");
            File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + "-" + width + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
        driver.manage().window().setSize(new Dimension(1280, 800));
    }

    private static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    private WebElement callRow(String id) {
        return panel("calls").findElement(By.cssSelector("tr[data-call-id='" + id + "']"));
    }

    private void chooseFunction(String name) {
        WebElement select = until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#call-func option[value=" + name + "]")))
                .findElement(By.xpath(".."));
        new Select(select).selectByValue(name);
    }

    private WebElement argField(String name) {
        return panel("calls").findElement(By.cssSelector("[data-role=args] [data-field='" + name + "']"));
    }

    /** Calls sleep for a minute as call {@code id}, cancels it with its button, and sees it end cancelled. */
    private void sleepThenCancel(String id) {
        chooseFunction("sleep");
        type(argField("ms"), "60000");
        driver.findElement(By.id("call-send")).click();
        callRow(id).findElement(By.cssSelector("button.cancel")).click();
        until(ExpectedConditions.attributeToBe(callRow(id), "data-status", "error"));
        assertTrue(callRow(id).getText().contains("cancelled"), callRow(id).getText());
    }

    private void addDivisionByZeroToTheBatch() {
        chooseFunction("divide");
        type(argField("a"), "1");
        type(argField("b"), "0");
        driver.findElement(By.id("call-add-batch")).click();
    }

    @Test
    void callsPanelCallsFromTheCatalogStreamsCancelsAndBatches() throws IOException {
        open("calls");
        chooseFunction("multiply");
        type(argField("a"), "3");
        type(argField("b"), "4");
        driver.findElement(By.id("call-send")).click();
        until(ExpectedConditions.attributeToBe(callRow("c1"), "data-status", "ok"));
        assertEquals("12", callRow("c1").findElement(By.cssSelector(".result")).getText());
        assertTrue(callRow("c1").findElement(By.cssSelector(".latency")).getText().matches("[0-9.]+ ms"));

        chooseFunction("count");
        type(argField("n"), "8");
        type(argField("delay_ms"), "150");
        driver.findElement(By.id("call-send")).click();
        // Shown while the partials arrive, not only at the end.
        until(d -> callRow("c2").getAttribute("data-status").equals("streaming")
                && callRow("c2").findElement(By.cssSelector(".result")).getText().startsWith("partials: 1"));
        until(ExpectedConditions.attributeToBe(callRow("c2"), "data-status", "ok"));
        assertEquals("8 (after partials 1, 2, 3, 4, 5, 6, 7, 8)", callRow("c2").findElement(By.cssSelector(".result")).getText());

        sleepThenCancel("c3");
        addDivisionByZeroToTheBatch();
        chooseFunction("add");
        type(argField("a"), "1");
        type(argField("b"), "2");
        driver.findElement(By.id("call-add-batch")).click();
        driver.findElement(By.id("call-send-batch")).click();
        until(ExpectedConditions.attributeToBe(callRow("c5"), "data-status", "ok"));
        assertEquals("3", callRow("c5").findElement(By.cssSelector(".result")).getText());
        assertEquals("error", callRow("c4").getAttribute("data-status"));
        assertEquals("[math_error] Division by zero", callRow("c4").findElement(By.cssSelector(".result")).getText());

        // A raw frame's error is shown readably.
        type(driver.findElement(By.id("call-raw")), "{\"func\":\"nosuch\"}");
        panel("calls").findElement(By.cssSelector("#call-raw-form button")).click();
        until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#panel-calls [data-role=notices]"),
                "[unknown_function] Unknown function 'nosuch'"));
        screenshots("calls");
    }

    @Test
    void callsPanelSpeaksJsonRpcOnRpcToo() {
        open("calls");
        new Select(driver.findElement(By.id("call-protocol"))).selectByValue("rpc");
        until(ExpectedConditions.textToBe(By.cssSelector("#panel-calls [data-role=calls-path]"), "/rpc"));
        until(ExpectedConditions.attributeToBe(By.cssSelector(".conn[data-endpoint=calls]"), "data-state", "open"));
        chooseFunction("pow"); // the catalog came from rpc.discover
        type(argField("base"), "2");
        type(argField("exponent"), "10");
        driver.findElement(By.id("call-send")).click();
        until(ExpectedConditions.attributeToBe(callRow("c1"), "data-status", "ok"));
        assertEquals("1024", callRow("c1").findElement(By.cssSelector(".result")).getText());

        chooseFunction("count");
        type(argField("n"), "3");
        type(argField("delay_ms"), "100");
        driver.findElement(By.id("call-send")).click();
        until(ExpectedConditions.attributeToBe(callRow("c2"), "data-status", "ok"));
        assertEquals("3 (after partials 1, 2, 3)", callRow("c2").findElement(By.cssSelector(".result")).getText(),
                "progress notifications shown as partials");

        sleepThenCancel("c3");
        addDivisionByZeroToTheBatch();
        chooseFunction("sum");
        type(argField("args"), "1, 2"); // a variadic function takes one list
        driver.findElement(By.id("call-add-batch")).click();
        driver.findElement(By.id("call-send-batch")).click();
        until(ExpectedConditions.attributeToBe(callRow("c5"), "data-status", "ok"));
        assertEquals("3", callRow("c5").findElement(By.cssSelector(".result")).getText());
        assertEquals("[math_error] Division by zero", callRow("c4").findElement(By.cssSelector(".result")).getText());
    }

    private WebElement run(String runId) {
        return until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#panel-runs article[data-run-id='" + runId + "']")));
    }

    private void startRun(String runId, String task, String input) {
        new Select(driver.findElement(By.id("run-task"))).selectByValue(task);
        if (input != null) {
            type(driver.findElement(By.id("run-input")), input);
        }
        type(driver.findElement(By.id("run-id")), runId);
        driver.findElement(By.id("run-start")).click();
    }

    private List<Integer> seqs(String runId) {
        return run(runId).findElements(By.cssSelector(".timeline li")).stream()
                .map(li -> Integer.parseInt(li.getAttribute("data-seq"))).toList();
    }

    @Test
    void runsPanelRunsToCompletionAndCancels() throws IOException {
        open("runs");
        new Select(driver.findElement(By.id("run-task"))).selectByValue("demo");
        assertEquals(object("{\"steps\":5,\"delay_ms\":200}"), object(driver.findElement(By.id("run-input")).getAttribute("value")),
                "the task's defaults are filled in");
        startRun("browser-done", "demo", "{\"steps\":3,\"delay_ms\":20}");
        until(ExpectedConditions.attributeToBe(run("browser-done"), "data-status", "completed"));
        assertEquals(List.of(0, 1, 2, 3, 4), seqs("browser-done"));
        assertEquals("completed", run("browser-done").findElement(By.cssSelector(".badge")).getText());
        // Listed at once: the test server keeps a finished run for 1.5 s only (arquillian.xml).
        driver.findElement(By.id("run-list")).click();
        until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#panel-runs [data-role=server-runs] li[data-run-id=browser-done]")));

        startRun("browser-cancelled", "demo", "{\"steps\":1000,\"delay_ms\":100}");
        until(d -> seqs("browser-cancelled").size() >= 2);
        run("browser-cancelled").findElement(By.cssSelector("button.cancel")).click();
        until(ExpectedConditions.attributeToBe(run("browser-cancelled"), "data-status", "cancelled"));
        List<WebElement> events = run("browser-cancelled").findElements(By.cssSelector(".timeline li"));
        assertEquals("run_cancelled", events.get(events.size() - 1).getAttribute("data-type"));
        screenshots("runs");
    }

    @Test
    void aDroppedRunsConnectionResumesEveryRunWithoutGapOrDuplicate() throws Exception {
        open("runs");
        startRun("browser-resumed", "demo", "{\"steps\":30,\"delay_ms\":100}");
        until(d -> seqs("browser-resumed").size() >= 4);
        WebElement indicator = driver.findElement(By.cssSelector(".conn[data-endpoint=runs]"));
        indicator.click(); // disconnects
        until(ExpectedConditions.attributeToBe(indicator, "data-state", "paused"));
        int seen = seqs("browser-resumed").size();
        // The run goes on meanwhile (within its 1.5 s grace): the page has a gap to fill.
        try (WsClient other = WsClient.connect(ws(base, "runs"))) {
            ItSupport.await(() -> lastSeqOnServer(other, "browser-resumed") >= seen + 3);
        }
        indicator.click(); // connects again, and resumes
        until(ExpectedConditions.attributeToBe(indicator, "data-opens", "2"));
        // Without the resume the run would be cancelled 'disconnected' after the grace, unseen.
        until(ExpectedConditions.attributeToBe(run("browser-resumed"), "data-status", "completed"));
        assertEquals(IntStream.rangeClosed(0, 31).boxed().toList(), seqs("browser-resumed"));
        assertEquals(null, run("browser-resumed").getAttribute("data-gap"));
    }

    private static long lastSeqOnServer(WsClient client, String runId) {
        try {
            client.send("{\"type\":\"list_runs\"}");
            JsonObject runs = object(client.next(WAIT));
            return runs.getJsonArray("runs").stream().map(JsonValue::asJsonObject)
                    .filter(r -> r.getString("run_id").equals(runId)).mapToLong(r -> r.getJsonNumber("last_seq").longValue())
                    .findFirst().orElse(-1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eventsPanelChatsWithTheAgentAndShowsEveryBusEvent() throws Exception {
        open("events");
        type(driver.findElement(By.id("chat-message")), "what is 6 times 7?");
        driver.findElement(By.id("chat-send")).click();
        WebElement answer = until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#panel-events [data-role=chat] li[data-type=OutboundEvent]")));
        assertTrue(answer.getText().contains("42"), answer.getText());
        WebElement question = driver.findElement(By.cssSelector("#panel-events [data-role=chat] li[data-type=InboundEvent]"));
        assertEquals("platform-ws:console what is 6 times 7?", question.getText());
        long feedChats = driver.findElements(By.cssSelector("#panel-events [data-role=feed] li")).stream()
                .filter(li -> li.getAttribute("data-type").endsWith("boundEvent")).count();
        assertEquals(2, feedChats);

        // The filter hides a type from the feed.
        driver.findElement(By.id("filter-InboundEvent")).click();
        assertFalse(driver.findElement(By.cssSelector("#panel-events [data-role=feed] li[data-type=InboundEvent]")).isDisplayed());
        driver.findElement(By.id("filter-InboundEvent")).click();

        // Disconnected while another client chats and the agent answers: replayed on reconnect, once.
        WebElement indicator = driver.findElement(By.cssSelector(".conn[data-endpoint=events]"));
        indicator.click();
        until(ExpectedConditions.attributeToBe(indicator, "data-state", "paused"));
        try (WsClient other = WsClient.connect(ws(base, "events"))) {
            other.send("{\"source\":\"other\",\"content\":\"while you were away\"}");
            while (!object(other.next(WAIT)).getString("type").equals("OutboundEvent")) {
                // its own InboundEvent comes first
            }
        }
        indicator.click();
        until(ExpectedConditions.attributeToBe(indicator, "data-opens", "2"));
        until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//*[@id='panel-events']//ol[@data-role='chat']/li[contains(., 'while you were away')]")));
        until(d -> d.findElements(By.cssSelector("#panel-events [data-role=chat] li[data-type=OutboundEvent]")).size() == 2);
        List<Long> offsets = driver.findElements(By.cssSelector("#panel-events [data-role=feed] li")).stream()
                .map(li -> Long.parseLong(li.getAttribute("data-offset"))).toList();
        assertEquals(offsets.stream().distinct().sorted().toList(), offsets, "in order, none twice");
        assertEquals(offsets.get(0) + offsets.size() - 1, offsets.get(offsets.size() - 1), "none missing");
        screenshots("events");
    }

    @Test
    void neuroPanelAnswersAForceAfterRefusingDataTheSchemaRejects() throws Exception {
        open("neuro");
        try (WsClient game = WsClient.connect(ws(base, "neuro"))) {
            assertEquals("{\"command\":\"actions/reregister_all\"}", game.next(WAIT));
            game.send("{\"command\":\"startup\",\"game\":\"Browser Tac Toe\"}");
            assertEquals("startup", object(game.next(WAIT)).getString("command"));
            game.send("{\"command\":\"actions/register\",\"game\":\"Browser Tac Toe\",\"data\":{\"actions\":[{\"name\":\"play\","
                    + "\"description\":\"Place your mark\",\"schema\":" + MOVE_SCHEMA + "}]}}");
            game.send("{\"command\":\"context\",\"game\":\"Browser Tac Toe\",\"data\":{\"message\":\"You are X.\",\"silent\":true}}");
            WebElement card = until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#panel-neuro article[data-game='Browser Tac Toe']")));
            until(ExpectedConditions.textToBePresentInElement(card.findElement(By.cssSelector("[data-role=context]")), "You are X."));
            // A connection without a game yet is named by its id on the bus feed (the feed is live in its hidden panel).
            String connected = until(d -> d.findElements(By.cssSelector("#panel-events [data-role=feed] li[data-type=NeuroEvent]")).stream()
                    .map(li -> li.getAttribute("textContent")).filter(text -> text.contains("a game connected")).findFirst().orElse(null));
            assertTrue(connected.contains("(no game yet)") && !connected.contains("undefined"), connected);
            // Nothing waits for the operator: a sentence, not a numbered list item.
            WebElement queue = driver.findElement(By.cssSelector("#panel-neuro [data-role=operator-queue]"));
            WebElement queueEmpty = driver.findElement(By.cssSelector("#panel-neuro [data-role=operator-queue-empty]"));
            assertTrue(queueEmpty.isDisplayed() && !queue.isDisplayed());
            assertEquals(0, queue.findElements(By.tagName("li")).size());

            driver.findElement(By.cssSelector("#panel-neuro input[data-decider=operator]")).click();
            until(ExpectedConditions.attributeToBe(panel("neuro"), "data-decider", "operator"));

            game.send("{\"command\":\"actions/force\",\"game\":\"Browser Tac Toe\",\"data\":{\"query\":\"Your move\",\"state\":\"empty board\",\"action_names\":[\"play\"]}}");
            until(ExpectedConditions.attributeToBe(card, "data-force", "choosing"));
            until(d -> queue.findElements(By.tagName("li")).size() == 1);
            assertTrue(queue.isDisplayed() && !queueEmpty.isDisplayed());
            WebElement force = card.findElement(By.cssSelector("[data-role=force]"));
            assertTrue(force.getText().contains("Your move") && force.getText().contains("empty board"), force.getText());
            assertEquals(force, driver.switchTo().activeElement(), "a new force draws the operator's attention");
            assertTrue(card.getAttribute("class").contains("attention"));
            assertTrue(card.findElement(By.cssSelector("[data-role=actions]")).getText().contains("play"));

            type(card.findElement(By.cssSelector("[data-field=x]")), "5");
            type(card.findElement(By.cssSelector("[data-field=y]")), "1");
            card.findElement(By.cssSelector("[data-role=answer]")).click();
            until(ExpectedConditions.textToBePresentInElement(card.findElement(By.cssSelector("[data-role=problems]")), "data.x: must be at most 2"));
            screenshots("neuro");

            type(card.findElement(By.cssSelector("[data-field=x]")), "1");
            card.findElement(By.cssSelector("[data-role=answer]")).click();
            // The first frame the game gets is the corrected answer: the refused data was never sent.
            JsonObject action = object(game.next(WAIT));
            assertEquals("action", action.getString("command"));
            assertEquals("play", action.getJsonObject("data").getString("name"));
            assertEquals(object("{\"x\":1,\"y\":1}"), object(action.getJsonObject("data").getString("data")));
            until(ExpectedConditions.attributeToBe(card, "data-force", "awaiting_result"));
            game.send("{\"command\":\"action/result\",\"game\":\"Browser Tac Toe\",\"data\":{\"id\":\""
                    + action.getJsonObject("data").getString("id") + "\",\"success\":true}}");
            until(ExpectedConditions.attributeToBe(card, "data-force", "none"));
        } finally {
            try (WsClient console = WsClient.connect(ws(base, "neuro/console"))) {
                console.send("{\"type\":\"set_decider\",\"decider\":\"random\"}");
                while (!object(console.next(WAIT)).getString("type").equals("ack")) {
                    // the snapshot and updates come before the answer
                }
            }
        }
        WebElement card = driver.findElement(By.cssSelector("#panel-neuro article[data-game='Browser Tac Toe']"));
        until(ExpectedConditions.attributeToBe(card, "data-closed", "true"));
    }
}
