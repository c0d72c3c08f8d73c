package com.split.events.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.worker.PermanentTaskFailure;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.tasks.test.TaskEnvelopes;
import com.split.web.test.ApiClient;
import com.split.web.test.Charts;
import com.split.web.test.HeadlessChromium;
import com.split.web.test.TestUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.pagefactory.ByChained;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in headless Chromium, against a real worker and a journal on real Redis and MariaDB. Needs Chromium
 * and its chromedriver ({@code apt-get install chromium chromium-driver}); without them it fails, it does not skip.
 */
@SplitIntegrationTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"split.events.queues=test_tasks"})
@Import(ApiClient.class)
class DashboardBrowserIntegrationTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @AutoClose("quit")
    static final WebDriver browser = HeadlessChromium.start(1400, 1000);

    @TestConfiguration(proxyBeanMethods = false)
    static class Worker {

        /** Fails each task for good on its first attempt and succeeds on the next: a requeue or replay repairs it. */
        @Bean
        TaskHandler failsFirstHandler() {
            return TaskHandler.of(TaskEnvelopes.TEST_TASK, (task, context) -> {
                if (task.attempt() == 0) {
                    throw new PermanentTaskFailure("no data source for " + task.tickers());
                }
                return TaskOutcome.success(Map.of());
            });
        }
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    TaskPublisher publisher;

    @Autowired
    ApiClient api;

    @BeforeEach
    void logIn() {
        HeadlessChromium.logIn(browser, "http://localhost:" + port, TestUsers.ADMIN, "/");
    }

    @Test
    void servesTheDashboardAtTheRoot() {
        browser.get("http://localhost:" + port + "/");

        assertThat(browser.getTitle()).isEqualTo("SPLit tasks");
        By testQueue = By.cssSelector("#queue-table tr[data-queue='test_tasks']");
        // this context's worker, once the page has read the queue's figures
        waitFor(textToBe(new ByChained(testQueue, By.cssSelector("td[data-field='workers']")), "1"));
        List<String> figures = waitFor(driver -> driver.findElement(testQueue).findElements(By.tagName("td")).stream()
                .map(WebElement::getText)
                .toList());
        assertThat(figures).hasSize(9).first().isEqualTo("test_tasks");
        assertThat(figures.subList(1, 8))
                .allSatisfy(figure -> assertThat(figure).matches("\\d+|—|\\d.* (ms|s|min)"));
        assertThat(figures.get(8)).isEqualTo("Pause");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    @Test
    void deletesTheDeadLettersAFilterMatchesAfterShowingHowMany() {
        String ticker = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        String id = publishAndAwaitFailure(TaskEnvelopes.testTask()
                .sessionId("session-" + UUID.randomUUID())
                .tickers(ticker));
        browser.get("http://localhost:" + port + "/");
        new Select(browser.findElement(By.id("dead-queue"))).selectByValue("test_tasks");
        browser.findElement(By.id("dead-reason")).sendKeys(ticker.toLowerCase(Locale.ROOT));

        click(By.id("dead-delete-matching"));
        Alert confirm = waitFor(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).isEqualTo("Delete 1 dead letter of test_tasks? Their tasks stay FAILURE.");
        confirm.accept();

        waitFor(textToBePresentInElementLocated(By.id("notice"), "Deleted 1 of 1 dead letter from test_tasks"));
        waitFor(invisibilityOfElementLocated(By.cssSelector("#dead-table tr[data-task-id='%s']".formatted(id))));
        assertThat(api.get("/api/queues/test_tasks/actions?limit=1")
                        .get(0)
                        .get("filter")
                        .asString())
                .isEqualTo("reason~" + ticker.toLowerCase(Locale.ROOT));
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    @Test
    void pausesAndResumesAQueue() {
        browser.get("http://localhost:" + port + "/");
        By cell = By.cssSelector("#queue-table tr[data-queue='test_tasks'] td[data-field='paused']");

        click(new ByChained(cell, By.cssSelector("button[data-action='pause']")));
        Alert reason = waitFor(ExpectedConditions.alertIsPresent());
        reason.sendKeys("a broker upgrade");
        reason.accept();

        waitFor(textToBePresentInElementLocated(By.id("notice"), "Paused test_tasks"));
        waitFor(textToBePresentInElementLocated(cell, "PAUSED by user_zero since"));
        assertThat(api.get("/api/queues/test_tasks/actions?limit=1")
                        .get(0)
                        .get("reason")
                        .asString())
                .isEqualTo("a broker upgrade");
        click(new ByChained(cell, By.cssSelector("button[data-action='resume']")));
        waitFor(textToBePresentInElementLocated(By.id("notice"), "Resumed test_tasks"));
        waitFor(textToBe(cell, "Pause"));
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    @Test
    void showsASchedulesRunsAndRemovesIt() {
        String name = "every-second-" + UUID.randomUUID();
        api.as(TestUsers.OPERATOR).send(HttpMethod.PUT, "/api/schedules/" + name, """
                {"every": "1s", "task": {"task_type": "test_task", "queue": "test_tasks", "target_module": "tests"}}""", HttpStatus.CREATED);
        browser.get("http://localhost:" + port + "/");
        By row = By.cssSelector("#schedule-table tr[data-schedule='%s']".formatted(name));

        waitFor(textToBe(new ByChained(row, By.cssSelector("td[data-field='when']")), "every 1s"));
        // a run within a second or two: its task is on the row, and "Runs" lists the schedule's tasks
        WebElement lastRun = waitFor(presenceOfElementLocated(
                new ByChained(row, By.cssSelector("td[data-field='last_run'] button[data-task-id]"))));
        String taskId = lastRun.getDomAttribute("data-task-id");
        click(new ByChained(row, By.cssSelector("button[data-action='runs']")));
        waitFor(presenceOfElementLocated(By.cssSelector("#task-table tr[data-task-id='%s']".formatted(taskId))));
        assertThat(browser.findElement(By.id("filter-session")).getDomProperty("value"))
                .isEqualTo("schedule." + name);

        click(new ByChained(row, By.cssSelector("button[data-action='remove']")));
        Alert confirm = waitFor(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).isEqualTo("Remove schedule %s? Its runs stay in the journal.".formatted(name));
        confirm.accept();
        waitFor(textToBePresentInElementLocated(By.id("notice"), "Removed schedule " + name));
        waitFor(invisibilityOfElementLocated(row));
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    @Test
    void requeuesAFailedTaskFromTheDeadLetters() {
        String id = openTimelineOfAFailedTask();

        new Select(browser.findElement(By.id("dead-queue"))).selectByValue("test_tasks");
        By entry = By.cssSelector("#dead-table tr[data-task-id='%s']".formatted(id));
        click(new ByChained(entry, By.cssSelector("button[data-action='requeue']")));

        waitFor(textToBePresentInElementLocated(By.id("notice"), "Requeued 1 from test_tasks"));
        waitFor(attributeToBe(By.id("timeline-status"), "data-status", "SUCCESS"));
        waitFor(presenceOfElementLocated(By.cssSelector("#timeline-events tr[data-event-type='task_succeeded']")));
        waitFor(invisibilityOfElementLocated(entry));
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    @Test
    void replaysAFailedTaskFromItsTimeline() {
        String id = openTimelineOfAFailedTask();

        click(By.id("task-replay"));

        waitFor(textToBePresentInElementLocated(By.id("notice"), "Replayed " + id));
        waitFor(attributeToBe(By.id("timeline-status"), "data-status", "SUCCESS"));
        assertThat(browser.findElement(By.id("task-cancel")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    @Test
    void opensTheTaskAndSessionThatALinkNames() {
        String session = "session-" + UUID.randomUUID();
        String id = publishAndAwaitFailure(TaskEnvelopes.testTask().sessionId(session));

        browser.get("http://localhost:" + port + "/#task=" + id + "&session=" + session);

        waitFor(attributeToBe(By.id("timeline"), "data-task-id", id));
        waitFor(presenceOfElementLocated(By.cssSelector("#timeline-events tr[data-event-type='task_failed']")));
        assertThat(browser.findElement(By.id("filter-session")).getDomProperty("value"))
                .isEqualTo(session);
        waitFor(driver -> driver.findElements(By.cssSelector("#task-table tbody tr[data-task-id]"))
                        .size()
                == 1);
        assertThat(browser.findElement(By.cssSelector("#task-table tbody tr[data-task-id]"))
                        .getDomAttribute("data-task-id"))
                .isEqualTo(id);
    }

    @Test
    void chartsDrawTheJournalsActivityAndASessionsTasks() throws IOException {
        String session = "session-" + UUID.randomUUID();
        // attempt 1 succeeds, attempt 0 fails for good: both kinds of throughput, and a Gantt of three tasks
        List<TaskEnvelope> tasks = List.of(
                TaskEnvelopes.testTask().sessionId(session).attempt(1).build(),
                TaskEnvelopes.testTask().sessionId(session).attempt(1).build(),
                TaskEnvelopes.testTask().sessionId(session).build());
        tasks.forEach(publisher::publish);
        await().atMost(PATIENCE)
                .until(() ->
                        api.get("/api/tasks?sessionId=" + session).get("content").findValuesAsString("status").stream()
                                        .filter(status -> status.equals("SUCCESS") || status.equals("FAILURE"))
                                        .count()
                                == tasks.size());

        browser.get("http://localhost:" + port + "/#session=" + session);

        // the throughput: a completed and a failed series per queue the journal knows, one point per minute
        JsonNode throughput = api.get("/api/tasks/throughput?hours=3");
        int queues = throughput.get("queues").size();
        assertThat(queues).isPositive();
        List<Long> minutes = waitFor(driver -> seriesOf(driver, "#throughput-chart", 2 * queues));
        assertThat(minutes).containsOnly((long)
                throughput.get("queues").get(0).get("completed").size());
        assertThat(Charts.plottedPixels(browser, "#throughput-chart")).isPositive();
        // the depths: four states and the oldest wait of each queue
        int live = api.get("/api/queues").size();
        List<Long> depths = waitFor(driver -> seriesOf(driver, "#depth-chart", 5));
        assertThat(depths).containsOnly((long) live);
        assertThat(Charts.plottedPixels(browser, "#depth-chart")).isPositive();
        // the session's Gantt: every wait and run of its three tasks
        JsonNode gantt = api.get("/api/tasks/gantt?sessionId=" + session);
        assertThat(gantt.get("tasks")).hasSize(3);
        int segments = gantt.get("tasks").findValues("segments").stream()
                .mapToInt(JsonNode::size)
                .sum();
        waitFor(driver -> Charts.seriesPoints(driver, "#gantt-chart") != null
                && Charts.seriesPoints(driver, "#gantt-chart").stream()
                                .mapToLong(Long::longValue)
                                .sum()
                        == segments);
        // the runs, a few pixels wide when the tasks are quick: the waits are grey, and not counted
        assertThat(Charts.plottedPixels(browser, "#gantt-chart")).isPositive();
        assertThat(browser.findElement(By.id("gantt-session")).getText()).isEqualTo(session);
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        screenshot(By.id("activity"), "dashboard-activity.png");
        screenshot(By.id("gantt"), "dashboard-gantt.png");
    }

    @Test
    void showsTheProblemDetailOfARejectedFilter() {
        browser.get("http://localhost:" + port + "/");
        browser.findElement(By.id("filter-queue")).sendKeys("Not-A-Queue");
        browser.findElement(By.id("filter-apply")).click();

        WebElement error = waitFor(visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).startsWith("Invalid parameter: Parameter 'queue'");
    }

    /** Publishes a task the worker fails for good, finds it among the failed tasks and opens its timeline. */
    private String openTimelineOfAFailedTask() {
        String session = "session-" + UUID.randomUUID();
        String id = publishAndAwaitFailure(
                TaskEnvelopes.testTask().sessionId(session).tickers("ZZZZ"));

        browser.get("http://localhost:" + port + "/");
        new Select(browser.findElement(By.id("filter-status"))).selectByValue("FAILURE");
        browser.findElement(By.id("filter-session")).sendKeys(session);
        browser.findElement(By.id("filter-apply")).click();
        // the button is disabled while its search runs
        waitFor(elementToBeClickable(By.id("filter-apply")));
        assertThat(browser.findElements(By.cssSelector("#task-table tbody tr")))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.getDomAttribute("data-task-id")).isEqualTo(id);
                    assertThat(row.getDomAttribute("data-status")).isEqualTo("FAILURE");
                });

        click(By.cssSelector("#task-table tr[data-task-id='%s']".formatted(id)));
        waitFor(attributeToBe(By.id("timeline"), "data-task-id", id));
        By failed = By.cssSelector("#timeline-events tr[data-event-type='task_failed']");
        waitFor(presenceOfElementLocated(failed));
        assertThat(text(failed)).contains(PermanentTaskFailure.class.getName(), "no data source for [ZZZZ]");
        assertThat(text(By.id("timeline-status"))).isEqualTo("FAILURE");
        return id;
    }

    /** Publishes the task, which the worker fails for good, and waits until the journal lists it as failed. */
    private String publishAndAwaitFailure(TaskEnvelope.Builder builder) {
        TaskEnvelope task = builder.build();
        publisher.publish(task);
        await().atMost(PATIENCE)
                .until(() -> api.get("/api/tasks?status=FAILURE&sessionId=" + task.sessionId())
                                .path("total_elements")
                                .asLong()
                        == 1);
        return task.taskId().toString();
    }

    /** Clicks the element once it can be clicked, again if the page's refresh replaced it under the click. */
    private void click(By target) {
        waitFor(driver -> {
            WebElement element = elementToBeClickable(target).apply(driver);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    /** The chart's series' point counts once it has {@code series} of them; null until then. */
    private static @Nullable List<Long> seriesOf(WebDriver driver, String chart, int series) {
        List<Long> points = Charts.seriesPoints(driver, chart);
        return points != null && points.size() == series ? points : null;
    }

    private void screenshot(By element, String name) throws IOException {
        Path shot =
                browser.findElement(element).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    private String text(By target) {
        return waitFor(driver -> driver.findElement(target).getText());
    }

    private <T> T waitFor(Function<? super WebDriver, T> condition) {
        return HeadlessChromium.waitFor(browser, PATIENCE, condition);
    }
}
