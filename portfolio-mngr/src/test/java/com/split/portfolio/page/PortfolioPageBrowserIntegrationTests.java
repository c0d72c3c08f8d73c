package com.split.portfolio.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.split.portfolio.OrchestratorMessages;
import com.split.portfolio.OrchestratorMessages.Step;
import com.split.portfolio.PortfolioApi;
import com.split.portfolio.StockPricesFixture;
import com.split.tasks.TaskType;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.web.test.Charts;
import com.split.web.test.HeadlessChromium;
import com.split.web.test.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * The page in headless Chromium, on real Redis and MariaDB, with a stand-in orchestrator: a real bus worker of
 * {@code refresh} tasks that reports the steps of the run and its completion through the real {@link TaskPublisher}
 * to {@code portfolio_tasks}, where the service's own workers take them. Needs Chromium and its chromedriver
 * ({@code apt-get install chromium chromium-driver}); without them it fails, it does not skip.
 */
@SplitIntegrationTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"split.portfolio.event-srv-url=http://localhost:18086", "split.bus.worker.shutdown-grace=2s"})
@Import(PortfolioApi.class)
class PortfolioPageBrowserIntegrationTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @AutoClose("quit")
    static final WebDriver browser = HeadlessChromium.start(1280, 1600);

    /** Holds the stand-in orchestrator after its first step until the test has seen that step on the page. */
    static final Semaphore GATE = new Semaphore(0);

    @TestConfiguration(proxyBeanMethods = false)
    static class StandInOrchestrator {

        @Bean
        TaskHandler standInRefresh(TaskPublisher publisher, TaskCodec codec) {
            OrchestratorMessages messages = new OrchestratorMessages(codec.mapper());
            return TaskHandler.of(TaskType.REFRESH, (task, context) -> {
                String session = task.sessionId();
                long portfolio = task.payload().get("portfolio_id").asLong();
                int n = task.tickers().size();
                publisher.publish(messages.progress(session, portfolio, Step.of("fetch", "running", n, 0, 1)));
                if (!GATE.tryAcquire(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                    return TaskOutcome.failed("the test never opened the gate");
                }
                List<UUID> fetches = List.of(UUID.randomUUID(), UUID.randomUUID());
                publisher.publish(messages.progress(
                        session, portfolio, new Step("fetch", "done", n, n, 0, 2, fetches, Map.of())));
                publisher.publish(messages.progress(session, portfolio, Step.of("filter", "done", n, n, 4)));
                publisher.publish(messages.progress(session, portfolio, Step.of("select", "done", n, n, 6)));
                publisher.publish(messages.completed(session, portfolio, "SUCCESS", null, task.tickers(), Map.of()));
                return TaskOutcome.success(Map.of());
            });
        }
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    PortfolioApi api;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void logIn() {
        HeadlessChromium.logIn(browser, "http://localhost:" + port, TestUsers.ADMIN, "/");
    }

    @Test
    void managesTheTickersRefreshesAndShowsTheRecommendations() throws Exception {
        browser.get("http://localhost:" + port + "/");
        assertThat(browser.getTitle()).isEqualTo("SPLit portfolio");
        waitFor(numberOfElementsToBe(By.cssSelector("#ticker-list li[data-symbol]"), 10));
        assertThat(text(By.id("portfolio-name"))).isEqualTo("Default");
        assertThat(browser.findElement(By.id("portfolio-choice")).isDisplayed()).isFalse();

        // add, with a reason; then an invalid symbol and a duplicate, each refused next to the field
        type(By.id("symbol"), " pep ");
        type(By.id("reason"), "a defensive name");
        browser.findElement(By.id("add-button")).click();
        waitFor(presenceOfElementLocated(By.cssSelector("#ticker-list li[data-symbol='PEP']")));
        waitFor(textToBePresentInElementLocated(By.cssSelector("#change-table tbody"), "added PEP"));
        assertThat(text(By.cssSelector("#change-table tbody tr"))).contains("user_zero", "a defensive name");

        type(By.id("symbol"), "NOT A TICKER");
        browser.findElement(By.id("add-button")).click();
        WebElement error = waitFor(visibilityOfElementLocated(By.id("symbol-error")));
        assertThat(error.getText())
                .isEqualTo("'NOT A TICKER' is not a ticker symbol: use up to 16 letters and digits, optionally"
                        + " joined by . - or = (AAPL, BRK-B, 7203.T, ^GSPC)");
        assertThat(browser.findElement(By.id("symbol")).getDomAttribute("aria-invalid"))
                .isEqualTo("true");
        type(By.id("symbol"), "aapl");
        browser.findElement(By.id("add-button")).click();
        waitFor(textToBePresentInElementLocated(By.id("symbol-error"), "AAPL is already in portfolio 'Default'"));
        assertThat(browser.findElements(By.cssSelector("#ticker-list li[data-symbol]")))
                .hasSize(11);
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();

        // remove one
        browser.findElement(By.cssSelector("#ticker-list li[data-symbol='KO'] button[data-action='remove']"))
                .click();
        waitFor(invisibilityOfElementLocated(By.cssSelector("#ticker-list li[data-symbol='KO']")));
        waitFor(textToBePresentInElementLocated(By.cssSelector("#change-table tbody"), "removed KO"));
        List<String> tickers = browser.findElements(By.cssSelector("#ticker-list li[data-symbol]")).stream()
                .map(item -> item.getDomAttribute("data-symbol"))
                .toList();
        assertThat(tickers).hasSize(10).contains("PEP").doesNotContain("KO");
        assertThat(text(By.id("recommendation-table"))).contains("No recommendations yet");

        // the closes yahoo-gateway stored, which the price chart shows over each recommendation's window
        StockPricesFixture stocks = StockPricesFixture.create(dataSource);
        tickers.forEach(
                ticker -> stocks.closes(ticker, OrchestratorMessages.PRICES_FROM, OrchestratorMessages.PRICES_TO, 20));

        // refresh: the first step shows while the orchestrator holds, the rest fill in without a reload
        browser.findElement(By.id("refresh-button")).click();
        waitFor(attributeToBe(By.id("run-status"), "data-status", "RUNNING"));
        waitFor(presenceOfElementLocated(By.cssSelector("#step-table tr[data-step='fetch'][data-state='running']")));
        assertThat(browser.findElement(By.id("refresh-button")).isEnabled()).isFalse();
        GATE.release();

        waitFor(attributeToBe(By.id("run-status"), "data-status", "SUCCESS"));
        List<String> steps = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#step-table tbody tr"))) {
            steps.add(row.getDomAttribute("data-step") + ":" + row.getDomAttribute("data-state"));
        }
        assertThat(steps).containsExactly("fetch:done", "filter:done", "select:done");
        assertThat(text(By.cssSelector("#step-table tr[data-step='fetch'] [data-field='tickers']")))
                .isEqualTo("10 done, 0 failed of 10");
        List<WebElement> taskLinks =
                browser.findElements(By.cssSelector("#step-table tr[data-step='fetch'] td.tasks a"));
        assertThat(taskLinks).hasSize(2);
        assertThat(taskLinks.getFirst().getDomAttribute("href")).matches("http://localhost:18086/#task=[0-9a-f-]{36}");
        assertThat(browser.findElement(By.id("dashboard-link")).getDomAttribute("href"))
                .matches("http://localhost:18086/#session=run-[0-9a-f-]{36}");
        assertThat(browser.findElement(By.id("refresh-task-link")).getDomAttribute("href"))
                .matches("http://localhost:18086/#task=[0-9a-f-]{36}");
        assertThat(browser.findElement(By.id("refresh-button")).isEnabled()).isTrue();

        // the recommendations of the run, with the reasons behind each, and the run in the history
        waitFor(numberOfElementsToBe(By.cssSelector("#recommendation-table tbody tr[data-ticker]"), 10));
        for (WebElement row : browser.findElements(By.cssSelector("#recommendation-table tbody tr[data-ticker]"))) {
            String ticker = row.getDomAttribute("data-ticker");
            assertThat(row.getDomAttribute("data-decision")).isEqualTo(OrchestratorMessages.decisionOf(ticker));
            assertThat(row.findElement(By.cssSelector("td.why")).getText()).contains("liquidity and profitability");
            assertThat(row.findElement(By.cssSelector("[data-field='weight']")).getText())
                    .endsWith("%");
        }
        String session = browser.findElement(By.id("run")).getDomAttribute("data-session");
        assertThat(text(By.id("recommendations-caption"))).startsWith("From run " + session);
        waitFor(attributeToBe(
                By.cssSelector("#run-table tbody tr[data-session='%s']".formatted(session)), "data-status", "SUCCESS"));
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        chartsDrawTheRun(session);

        screenshot("portfolio-page.png");
        browser.manage().window().setSize(new Dimension(420, 1600));
        waitFor(driver -> driver.findElement(By.id("refresh-button")).getSize().getWidth() > 300);
        screenshot("portfolio-page-narrow.png");
    }

    @Test
    void turnsThePortfoliosDailyRefreshOnAndShowsWhenItRunsNext() {
        long portfolio = api.createPortfolio("user_three", "Daily", "KO");
        browser.get("http://localhost:" + port + "/?owner=user_three");
        waitFor(presenceOfElementLocated(By.cssSelector("#ticker-list li[data-symbol='KO']")));
        WebElement daily = waitFor(elementToBeClickable(By.id("daily-refresh-enabled")));
        waitFor(textToBePresentInElementLocated(By.id("daily-refresh-when"), "off"));
        assertThat(daily.isSelected()).isFalse();

        daily.click();

        waitFor(textToBePresentInElementLocated(
                By.id("daily-refresh-when"), "at 16:30 America/New_York, MON-FRI; next"));
        assertThat(browser.findElement(By.cssSelector("#daily-refresh-when time"))
                        .getDomAttribute("datetime"))
                .matches(".*T2[01]:30:00Z");
        assertThat(api.get("/api/portfolios/%d/daily-refresh".formatted(portfolio))
                        .get("enabled")
                        .asBoolean())
                .isTrue();
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    @Test
    void offersAChoiceOfPortfoliosToAUserWithSeveral() {
        api.createPortfolio("user_two", "Growth", "NVDA");
        api.createPortfolio("user_two", "Second");
        browser.get("http://localhost:" + port + "/?owner=user_two");

        WebElement choice = waitFor(visibilityOfElementLocated(By.id("portfolio-select")));
        waitFor(presenceOfElementLocated(By.cssSelector("#ticker-list li[data-symbol='NVDA']")));
        assertThat(text(By.id("owner"))).isEqualTo("owner user_two");
        Select select = new Select(choice);
        assertThat(select.getOptions()).extracting(WebElement::getText).containsExactly("Growth", "Second");
        select.selectByVisibleText("Second");

        waitFor(textToBePresentInElementLocated(By.id("ticker-list"), "No tickers yet"));
        assertThat(browser.getCurrentUrl())
                .endsWith("#portfolio=" + select.getFirstSelectedOption().getDomAttribute("value"));
        assertThat(browser.findElement(By.id("refresh-button")).isEnabled()).isFalse();
        waitFor(textToBePresentInElementLocated(By.id("run-summary"), "Not refreshed yet."));
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    @Test
    void aViewerSignsInThroughTheFormSeesItsOwnPortfolioAndSignsOut() {
        String base = "http://localhost:" + port;
        api.createPortfolio(TestUsers.VIEWER.user(), "Watched", "MSFT");
        browser.manage().deleteAllCookies();
        browser.get(base + "/");
        waitFor(driver -> driver.getCurrentUrl().endsWith("/login"));
        type(By.id("username"), TestUsers.VIEWER.user());
        type(By.id("password"), "not-the-password");
        browser.findElement(By.id("sign-in")).click();
        assertThat(waitFor(visibilityOfElementLocated(By.id("login-error"))).getText())
                .isEqualTo("The user name or the password is wrong.");

        HeadlessChromium.logIn(browser, base, TestUsers.VIEWER, "/");
        waitFor(presenceOfElementLocated(By.cssSelector("#ticker-list li[data-symbol='MSFT']")));
        assertThat(text(By.id("portfolio-name"))).isEqualTo("Watched");
        waitFor(textToBePresentInElementLocated(By.cssSelector("header .sign-out"), "viewer"));
        // a change the viewer's role does not allow: the API's 403 shows in the banner, the page stays
        type(By.id("symbol"), "PEP");
        browser.findElement(By.id("add-button")).click();
        waitFor(textToBePresentInElementLocated(By.id("error"), "lacks the role operator"));

        browser.findElement(By.cssSelector("header .sign-out button")).click();
        waitFor(visibilityOfElementLocated(By.id("logged-out")));
        browser.get(base + "/");
        waitFor(driver -> driver.getCurrentUrl().endsWith("/login"));
    }

    private void type(By field, String text) {
        WebElement input = browser.findElement(field);
        input.clear();
        input.sendKeys(text);
    }

    /** Each chart holds what the API says and drew it: its series' points, and coloured pixels in its plot. */
    private void chartsDrawTheRun(String session) {
        JsonNode run = api.get("/api/runs/" + session);
        long started = run.get("steps").findValues("started_at").stream()
                .filter(at -> !at.isNull())
                .count();
        assertThat(started).isEqualTo(3);
        waitFor(driver -> points(driver, "#steps-chart") == started);
        JsonNode latest = api.get("/api/portfolios/" + run.get("portfolio_id").asLong() + "/recommendations")
                .get("recommendations");
        long buys = latest.valueStream()
                .filter(recommendation -> recommendation.get("weight").asDouble() > 0)
                .count();
        assertThat(buys).isPositive();
        waitFor(driver -> points(driver, "#weights-chart") == buys);
        // two parts for all but one ticker, whose score has none: three stacks of a bar per ticker
        List<Long> scores = waitFor(driver -> {
            List<Long> series = Charts.seriesPoints(driver, "#scores-chart");
            return series != null && series.size() == 3 ? series : null;
        });
        assertThat(scores).containsOnly((long) latest.size());
        // a line per ticker with a window (all but the last), each through every close in it
        List<Long> expectedCloses = new ArrayList<>();
        api.get("/api/portfolios/" + run.get("portfolio_id").asLong() + "/prices")
                .get("tickers")
                .forEach(ticker -> {
                    if (!ticker.get("dates").isEmpty()) {
                        expectedCloses.add((long) ticker.get("dates").size());
                    }
                });
        assertThat(expectedCloses).hasSize(latest.size() - 1);
        assertThat(expectedCloses.getFirst()).isGreaterThan(60);
        waitFor(driver -> expectedCloses.equals(Charts.seriesPoints(driver, "#prices-chart")));
        for (String chart : List.of("#steps-chart", "#weights-chart", "#scores-chart", "#prices-chart")) {
            assertThat(Charts.plottedPixels(browser, chart)).as(chart).isGreaterThan(100);
        }
    }

    private static long points(WebDriver driver, String chart) {
        List<Long> series = Charts.seriesPoints(driver, chart);
        return series == null ? -1 : series.stream().mapToLong(Long::longValue).sum();
    }

    private String text(By target) {
        return waitFor(driver -> driver.findElement(target).getText());
    }

    private void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    private <T> T waitFor(Function<? super WebDriver, T> condition) {
        return HeadlessChromium.waitFor(browser, PATIENCE, condition);
    }
}
