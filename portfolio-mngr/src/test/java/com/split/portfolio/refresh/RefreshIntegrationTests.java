package com.split.portfolio.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.portfolio.OrchestratorMessages;
import com.split.portfolio.OrchestratorMessages.Step;
import com.split.portfolio.PortfolioApi;
import com.split.portfolio.StockPricesFixture;
import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.bus.BusEvents;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.web.test.TestUsers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Refresh runs over real HTTP, with the real bus on Redis and the service's own {@code portfolio_tasks} workers:
 * the {@code refresh} task is read back from {@code orchestrator_tasks} (no orchestrator runs here), and the tests play
 * the orchestrator by publishing its {@code run_progress} and {@code run_completed} messages.
 */
@SplitIntegrationTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "split.bus.retry.base-delay=50ms",
            "split.bus.retry.max-delay=200ms",
            "split.bus.worker.promote-interval=50ms",
            "split.bus.worker.shutdown-grace=2s",
            "split.portfolio.event-srv-url=http://events.example:8086/"
        })
@Import({PortfolioApi.class, BusEvents.class})
class RefreshIntegrationTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final List<String> TICKERS = List.of("AAPL", "MSFT", "JPM", "KO");

    @Autowired
    TaskCodec codec;

    @Autowired
    TaskPublisher publisher;

    @Autowired
    BusEvents bus;

    @Autowired
    PortfolioApi api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RefreshService refreshes;

    @Autowired
    DataSource dataSource;

    OrchestratorMessages orchestrator;

    @BeforeEach
    void clients() {
        orchestrator = new OrchestratorMessages(codec.mapper());
    }

    @Test
    void startsARunAndPublishesOneRefreshTaskToTheOrchestrator() {
        long portfolio = api.createPortfolio("owner_" + suffix(), "Refreshed", TICKERS.toArray(String[]::new));
        double started = meters.get("split.portfolio.runs.started").counter().count();

        var answer = api.client()
                .as(TestUsers.OPERATOR)
                .http()
                .post()
                .uri("/api/portfolios/%d/refresh".formatted(portfolio))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(String.class)
                .returnResult();
        JsonNode body = codec.mapper().readTree(answer.getResponseBody());
        String session = body.get("session_id").asString();

        assertThat(session).startsWith("run-");
        assertThat(UUID.fromString(session.substring(4)).version()).isEqualTo(7);
        assertThat(answer.getResponseHeaders().getLocation()).hasToString("/api/runs/" + session);
        assertThat(body.get("created").asBoolean()).isTrue();
        assertThat(body.get("links").get("self").asString()).isEqualTo("/api/runs/" + session);
        assertThat(body.get("links").get("tasks").asString())
                .isEqualTo("http://events.example:8086/api/tasks?sessionId=" + session);
        assertThat(meters.get("split.portfolio.runs.started").counter().count()).isEqualTo(started + 1);

        TaskEnvelope task = refreshTasks(session).getFirst();
        assertThat(refreshTasks(session)).hasSize(1);
        assertThat(task.taskType()).isEqualTo("refresh");
        assertThat(task.queue()).isEqualTo(QueueName.ORCHESTRATOR_TASKS);
        assertThat(task.targetModule()).isEqualTo("data-orchestrator");
        assertThat(task.initiator().module()).isEqualTo("portfolio-mngr");
        assertThat(task.userId()).startsWith("owner_");
        assertThat(task.tickers()).containsExactlyInAnyOrderElementsOf(TICKERS);
        assertThat(task.payload().toString()).isEqualTo("{\"portfolio_id\":%d}".formatted(portfolio));

        JsonNode run = api.get("/api/runs/" + session);
        assertThat(run.get("status").asString()).isEqualTo("RUNNING");
        assertThat(run.get("portfolio_id").asLong()).isEqualTo(portfolio);
        assertThat(run.get("user_id").asString()).isEqualTo(task.userId());
        assertThat(run.get("requested_by").asString()).isEqualTo("operator");
        assertThat(run.get("finished_at").isNull()).isTrue();
        assertThat(run.get("steps")).isEmpty();
        JsonNode refreshTask = run.get("refresh_task");
        assertThat(refreshTask.get("task_id").asString())
                .isEqualTo(task.taskId().toString());
        assertThat(refreshTask.get("links").get("events").asString())
                .isEqualTo("http://events.example:8086/api/tasks/%s/events".formatted(task.taskId()));
        assertThat(refreshTask.get("links").get("dashboard").asString())
                .isEqualTo("http://events.example:8086/#task=" + task.taskId());
    }

    @Test
    void answersTheRunningRunToASecondRefresh() {
        long portfolio = api.createPortfolio("twice_" + suffix(), "Twice", "AAPL");
        String first = refresh(portfolio, HttpStatus.ACCEPTED);

        JsonNode again = api.post("/api/portfolios/%d/refresh".formatted(portfolio), null, HttpStatus.OK);

        assertThat(again.get("session_id").asString()).isEqualTo(first);
        assertThat(again.get("created").asBoolean()).isFalse();
        assertThat(runCount(portfolio)).isEqualTo(1);
        assertThat(refreshTasksOf(portfolio)).hasSize(1);
    }

    @Test
    void startsOneRunForConcurrentRefreshes() throws Exception {
        for (int round = 0; round < 3; round++) {
            long portfolio = api.createPortfolio("racer_" + suffix(), "Race", "AAPL", "MSFT");
            int requests = 6;
            CyclicBarrier together = new CyclicBarrier(requests);
            List<Future<JsonNode>> answers = new ArrayList<>();
            try (ExecutorService clients = Executors.newFixedThreadPool(requests)) {
                for (int i = 0; i < requests; i++) {
                    Callable<JsonNode> request = () -> {
                        together.await();
                        var result = api.client()
                                .http()
                                .post()
                                .uri("/api/portfolios/%d/refresh".formatted(portfolio))
                                .exchange()
                                .returnResult(String.class);
                        JsonNode body = codec.mapper().readTree(result.getResponseBody());
                        return codec.mapper()
                                .createObjectNode()
                                .put("status", result.getStatus().value())
                                .put("session_id", body.path("session_id").asString());
                    };
                    answers.add(clients.submit(request));
                }
            }
            List<Integer> statuses = new ArrayList<>();
            Set<String> sessions = new HashSet<>();
            for (Future<JsonNode> answer : answers) {
                statuses.add(answer.get().get("status").asInt());
                sessions.add(answer.get().get("session_id").asString());
            }

            assertThat(statuses).containsOnlyOnce(202).containsOnly(202, 200);
            assertThat(sessions).hasSize(1);
            assertThat(runCount(portfolio)).isEqualTo(1);
            assertThat(refreshTasksOf(portfolio)).hasSize(1);
        }
    }

    @Test
    void refusesToRefreshAPortfolioWithoutTickers() {
        long portfolio = api.createPortfolio("empty_" + suffix(), "Empty");

        JsonNode problem = api.problem(
                HttpMethod.POST, "/api/portfolios/%d/refresh".formatted(portfolio), null, HttpStatus.CONFLICT);

        assertThat(problem.get("detail").asString())
                .isEqualTo("Portfolio 'Empty' holds no tickers: add one before refreshing");
        assertThat(runCount(portfolio)).isZero();
    }

    @Test
    void aStaleRunNoLongerBlocksARefresh() {
        long portfolio = api.createPortfolio("stale_" + suffix(), "Stale", "AAPL");
        String stale = refresh(portfolio, HttpStatus.ACCEPTED);
        backdate(stale, Duration.ofMinutes(14));
        assertThat(refresh(portfolio, HttpStatus.OK)).isEqualTo(stale);
        backdate(stale, Duration.ofMinutes(2));
        double timeouts = completed("TIMEOUT");

        String fresh = refresh(portfolio, HttpStatus.ACCEPTED);

        assertThat(fresh).isNotEqualTo(stale);
        JsonNode ended = api.get("/api/runs/" + stale);
        assertThat(ended.get("status").asString()).isEqualTo("TIMEOUT");
        assertThat(ended.get("reason").asString())
                .isEqualTo("no run_completed within 15m of the start (split.portfolio.run-stale-after)");
        assertThat(ended.get("finished_at").isNull()).isFalse();
        assertThat(api.get("/api/runs/" + fresh).get("status").asString()).isEqualTo("RUNNING");
        assertThat(completed("TIMEOUT")).isEqualTo(timeouts + 1);
    }

    @Test
    void theSweepEndsStaleRunsOnce() {
        long portfolio = api.createPortfolio("swept_" + suffix(), "Swept", "AAPL");
        String session = refresh(portfolio, HttpStatus.ACCEPTED);
        backdate(session, Duration.ofMinutes(16));

        assertThat(refreshes.endStaleRuns()).isOne();
        assertThat(refreshes.endStaleRuns()).isZero();
        assertThat(api.get("/api/runs/" + session).get("status").asString()).isEqualTo("TIMEOUT");
    }

    @Test
    void showsEachStepAsTheOrchestratorReportsIt() {
        long portfolio = api.createPortfolio("steps_" + suffix(), "Steps", TICKERS.toArray(String[]::new));
        String session = refresh(portfolio, HttpStatus.ACCEPTED);
        UUID prices = UUID.randomUUID();
        UUID fundamentals = UUID.randomUUID();
        UUID filter = UUID.randomUUID();

        publisher.publish(orchestrator.progress(session, portfolio, Step.of("fetch", "running", 4, 0, 1)));
        publisher.publish(orchestrator.progress(
                session,
                portfolio,
                new Step("fetch", "done", 4, 3, 1, 4, List.of(prices, fundamentals), Map.of("KO", "unknown symbol"))));
        publisher.publish(orchestrator.progress(
                session, portfolio, new Step("filter", "running", 3, 1, 0, 5, List.of(filter), Map.of())));

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(steps(session)).containsExactly("fetch:done:4", "filter:running:5"));
        JsonNode fetch = api.get("/api/runs/" + session).get("steps").get(0);
        assertThat(fetch.get("tickers_total").asInt()).isEqualTo(4);
        assertThat(fetch.get("tickers_done").asInt()).isEqualTo(3);
        assertThat(fetch.get("tickers_failed").asInt()).isEqualTo(1);
        assertThat(Instant.parse(fetch.get("started_at").asString())).isBefore(Instant.now());
        assertThat(fetch.get("duration_ms").asLong()).isEqualTo(OrchestratorMessages.STEP_TOOK.toMillis());
        assertThat(fetch.get("dropped").get(0).get("ticker").asString()).isEqualTo("KO");
        assertThat(fetch.get("dropped").get(0).get("reason").asString()).isEqualTo("unknown symbol");
        assertThat(fetch.get("tasks")).hasSize(2);
        assertThat(fetch.get("tasks").get(0).get("task_id").asString()).isEqualTo(prices.toString());
        assertThat(fetch.get("tasks").get(0).get("links").get("task").asString())
                .isEqualTo("http://events.example:8086/api/tasks/" + prices);
    }

    @Test
    void keepsTheNewestProgressOfAStepWhateverTheOrder() {
        long portfolio = api.createPortfolio("order_" + suffix(), "Order", "AAPL");
        String session = refresh(portfolio, HttpStatus.ACCEPTED);
        publisher.publish(orchestrator.progress(session, portfolio, Step.of("fetch", "done", 1, 1, 7)));
        await().atMost(PATIENCE).until(() -> steps(session).equals(List.of("fetch:done:7")));

        TaskEnvelope late = orchestrator.progress(session, portfolio, Step.of("fetch", "running", 1, 0, 3));
        TaskEnvelope twice = orchestrator.progress(session, portfolio, Step.of("fetch", "done", 1, 1, 7));
        publisher.publish(late);
        publisher.publish(twice);
        awaitSucceeded(late, twice);

        assertThat(steps(session)).containsExactly("fetch:done:7");
        assertThat(api.get("/api/runs/" + session)
                        .get("steps")
                        .get(0)
                        .get("tickers_done")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void endsARunOnceWhenItsCompletionArrivesTwice() {
        long portfolio = api.createPortfolio("done_" + suffix(), "Done", TICKERS.toArray(String[]::new));
        String session = refresh(portfolio, HttpStatus.ACCEPTED);
        double successes = completed("SUCCESS");
        double failures = completed("FAILURE");

        TaskEnvelope first =
                orchestrator.completed(session, portfolio, "SUCCESS", null, TICKERS, Map.of("XYZ", "no data"));
        String finishedAt =
                Instant.parse(first.payload().get("finished_at").asString()).toString();
        publisher.publish(first);
        await().atMost(PATIENCE)
                .until(() ->
                        api.get("/api/runs/" + session).get("status").asString().equals("SUCCESS"));
        TaskEnvelope again =
                orchestrator.completed(session, portfolio, "FAILURE", "late and wrong", List.of("AAPL"), Map.of());
        publisher.publish(again);
        awaitSucceeded(again);

        JsonNode run = api.get("/api/runs/" + session);
        assertThat(run.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(run.get("reason").isNull()).isTrue();
        assertThat(run.get("finished_at").asString()).isEqualTo(finishedAt);
        assertThat(run.get("dropped").get(0).get("ticker").asString()).isEqualTo("XYZ");
        assertThat(completed("SUCCESS")).isEqualTo(successes + 1);
        assertThat(completed("FAILURE")).isEqualTo(failures);

        JsonNode latest = api.get("/api/portfolios/%d/recommendations".formatted(portfolio));
        assertThat(latest.get("session_id").asString()).isEqualTo(session);
        assertThat(latest.get("finished_at").asString()).isEqualTo(finishedAt);
        List<String> decisions = new ArrayList<>();
        latest.get("recommendations").forEach(rec -> {
            assertThat(rec.get("decision").asString())
                    .isEqualTo(OrchestratorMessages.decisionOf(rec.get("ticker").asString()));
            assertThat(rec.get("reasons").asString()).contains("liquidity and profitability");
            decisions.add(rec.get("decision").asString());
        });
        assertThat(decisions).hasSize(4).isSortedAccordingTo((a, b) -> order(a) - order(b));

        // ended, the run no longer blocks a refresh
        assertThat(refresh(portfolio, HttpStatus.ACCEPTED)).isNotEqualTo(session);
    }

    @Test
    void recommendsNothingBeforeTheFirstSuccessfulRun() {
        long portfolio = api.createPortfolio("none_" + suffix(), "None", "AAPL");
        String path = "/api/portfolios/%d/recommendations".formatted(portfolio);
        api.problem(HttpMethod.GET, path, null, HttpStatus.NOT_FOUND);
        String session = refresh(portfolio, HttpStatus.ACCEPTED);

        publisher.publish(orchestrator.completed(session, portfolio, "FAILURE", "yahoo down", List.of(), Map.of()));
        await().atMost(PATIENCE)
                .until(() ->
                        api.get("/api/runs/" + session).get("status").asString().equals("FAILURE"));

        assertThat(api.get("/api/runs/" + session).get("reason").asString()).isEqualTo("yahoo down");
        JsonNode problem = api.problem(HttpMethod.GET, path, null, HttpStatus.NOT_FOUND);
        assertThat(problem.get("detail").asString()).contains("has no successful run yet");
    }

    @Test
    void servesTheClosesTheScreenUsedWithEachDecision() {
        StockPricesFixture stocks = StockPricesFixture.create(dataSource);
        LocalDate from = OrchestratorMessages.PRICES_FROM;
        LocalDate to = OrchestratorMessages.PRICES_TO;
        // a week either side of the window, which the chart must not show; MSFT has no closes stored at all
        int inWindow = stocks.closes("AAPL", from, to, 100);
        stocks.closes("AAPL", from.minusDays(7), from.minusDays(1), 90);
        stocks.closes("AAPL", to.plusDays(1), to.plusDays(7), 200);
        stocks.closes("JPM", from, to, 50);
        long portfolio = api.createPortfolio("prices_" + suffix(), "Prices", TICKERS.toArray(String[]::new));
        String path = "/api/portfolios/%d/prices".formatted(portfolio);
        api.problem(HttpMethod.GET, path, null, HttpStatus.NOT_FOUND);
        String session = refresh(portfolio, HttpStatus.ACCEPTED);
        publisher.publish(orchestrator.completed(session, portfolio, "SUCCESS", null, TICKERS, Map.of()));
        await().atMost(PATIENCE)
                .until(() ->
                        api.get("/api/runs/" + session).get("status").asString().equals("SUCCESS"));

        JsonNode prices = api.get(path);

        assertThat(prices.get("session_id").asString()).isEqualTo(session);
        Map<String, JsonNode> byTicker = new HashMap<>();
        prices.get("tickers").forEach(each -> byTicker.put(each.get("ticker").asString(), each));
        assertThat(byTicker).containsOnlyKeys(TICKERS);
        List<String> order = new ArrayList<>();
        prices.get("tickers").forEach(each -> order.add(each.get("ticker").asString()));
        List<String> recommended = new ArrayList<>();
        api.get("/api/portfolios/%d/recommendations".formatted(portfolio))
                .get("recommendations")
                .forEach(rec -> recommended.add(rec.get("ticker").asString()));
        assertThat(order).isEqualTo(recommended);
        JsonNode aapl = byTicker.get("AAPL");
        assertThat(aapl.get("decision").asString()).isEqualTo(OrchestratorMessages.decisionOf("AAPL"));
        assertThat(aapl.get("from").asString()).isEqualTo(from.toString());
        assertThat(aapl.get("to").asString()).isEqualTo(to.toString());
        assertThat(aapl.get("dates")).hasSize(inWindow);
        assertThat(aapl.get("dates").get(0).asString()).isEqualTo(from.toString());
        assertThat(aapl.get("adj_close")).hasSize(inWindow);
        assertThat(aapl.get("adj_close").get(0).asDouble()).isEqualTo(100.0);
        assertThat(byTicker.get("JPM").get("adj_close").get(0).asDouble()).isEqualTo(50.0);
        assertThat(byTicker.get("MSFT").get("from").asString()).isEqualTo(from.toString());
        assertThat(byTicker.get("MSFT").get("dates")).isEmpty();
        // KO's recommendation came without a window, as from an older final-sel
        assertThat(byTicker.get("KO").get("from").isNull()).isTrue();
        assertThat(byTicker.get("KO").get("dates")).isEmpty();
    }

    @Test
    void listsThePortfolioRunsNewestFirst() {
        long portfolio = api.createPortfolio("history_" + suffix(), "History", "AAPL");
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String session = refresh(portfolio, HttpStatus.ACCEPTED);
            sessions.add(session);
            publisher.publish(orchestrator.completed(session, portfolio, "SUCCESS", null, List.of("AAPL"), Map.of()));
            await().atMost(PATIENCE)
                    .until(() -> !api.get("/api/runs/" + session)
                            .get("status")
                            .asString()
                            .equals("RUNNING"));
        }

        JsonNode page = api.get("/api/portfolios/%d/runs?size=2".formatted(portfolio));

        assertThat(page.get("total_elements").asLong()).isEqualTo(3);
        assertThat(page.get("total_pages").asLong()).isEqualTo(2);
        assertThat(page.get("content")).hasSize(2);
        assertThat(page.get("content").get(0).get("session_id").asString()).isEqualTo(sessions.get(2));
        assertThat(page.get("content").get(1).get("session_id").asString()).isEqualTo(sessions.get(1));
        assertThat(page.get("content").get(0).get("status").asString()).isEqualTo("SUCCESS");
        JsonNode last = api.get("/api/portfolios/%d/runs?size=2&page=1".formatted(portfolio));
        assertThat(last.get("content").get(0).get("session_id").asString()).isEqualTo(sessions.get(0));
    }

    @Test
    void deadLettersARunMessageForAnUnknownRunOnceItsRetriesAreSpent() {
        String unknown = "run-" + UUID.randomUUID();
        TaskEnvelope lost = orchestrator.progress(unknown, 1, Step.of("fetch", "running", 1, 0, 1), 2);

        publisher.publish(lost);

        await().atMost(PATIENCE).until(() -> deadLetterReason(lost) != null);
        assertThat(deadLetterReason(lost))
                .isEqualTo("failed after 3 attempts: no run %s (yet): its refresh may not have committed"
                        .formatted(unknown));
    }

    @Test
    void deadLettersAnInvalidRunMessageAtOnce() {
        long portfolio = api.createPortfolio("bad_" + suffix(), "Bad", "AAPL");
        String session = refresh(portfolio, HttpStatus.ACCEPTED);
        TaskEnvelope invalid = orchestrator.progress(session, portfolio, Step.of("fetch", "exploded", 1, 0, 1));

        publisher.publish(invalid);

        await().atMost(PATIENCE).until(() -> deadLetterReason(invalid) != null);
        assertThat(deadLetterReason(invalid))
                .contains("invalid run_progress payload: state must be one of running, done, failed, was 'exploded'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "GET  | /api/runs/nope                        | sessionId",
                "GET  | /api/runs/run-1-2-3-4-5               | sessionId",
                "POST | /api/portfolios/abc/refresh           | id",
                "GET  | /api/portfolios/abc/runs              | id",
                "GET  | /api/portfolios/1/runs?size=1000      | size",
                "GET  | /api/portfolios/1/runs?page=x         | page",
                "GET  | /api/portfolios/0/recommendations     | id",
            })
    void answersBadRequestNamingTheParameter(String method, String path, String parameter) {
        JsonNode problem = api.problem(HttpMethod.valueOf(method), path, null, HttpStatus.BAD_REQUEST);

        assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
    }

    @Test
    void answersNotFoundForAnUnknownRunOrPortfolio() {
        String unknown = "run-" + UUID.randomUUID();
        JsonNode problem = api.problem(HttpMethod.GET, "/api/runs/" + unknown, null, HttpStatus.NOT_FOUND);
        assertThat(problem.get("detail").asString()).isEqualTo("No run with session id " + unknown);
        for (String path : List.of(
                "/api/portfolios/999999/refresh",
                "/api/portfolios/999999/runs",
                "/api/portfolios/999999/recommendations",
                "/api/portfolios/999999/prices")) {
            HttpMethod method = path.endsWith("refresh") ? HttpMethod.POST : HttpMethod.GET;
            assertThat(api.problem(method, path, null, HttpStatus.NOT_FOUND)
                            .get("detail")
                            .asString())
                    .isEqualTo("No portfolio with id 999999");
        }
    }

    private String refresh(long portfolio, HttpStatus expected) {
        return api.post("/api/portfolios/%d/refresh".formatted(portfolio), null, expected)
                .get("session_id")
                .asString();
    }

    private List<TaskEnvelope> refreshTasks(String session) {
        return bus.ready(QueueName.ORCHESTRATOR_TASKS).stream()
                .filter(task -> task.sessionId().equals(session))
                .toList();
    }

    private List<TaskEnvelope> refreshTasksOf(long portfolio) {
        return bus.ready(QueueName.ORCHESTRATOR_TASKS).stream()
                .filter(task -> task.payload().get("portfolio_id").asLong() == portfolio)
                .toList();
    }

    private long runCount(long portfolio) {
        return jdbc.sql("SELECT COUNT(*) FROM runs WHERE portfolio_id = :id")
                .param("id", portfolio)
                .query(Long.class)
                .single();
    }

    private void backdate(String session, Duration by) {
        jdbc.sql("UPDATE runs SET started_at = started_at - INTERVAL :seconds SECOND WHERE session_id = :session")
                .param("seconds", by.toSeconds())
                .param("session", session)
                .update();
    }

    /** Each step as {@code step:state:sequence}. */
    private List<String> steps(String session) {
        List<String> steps = new ArrayList<>();
        api.get("/api/runs/" + session)
                .get("steps")
                .forEach(step -> steps.add("%s:%s:%d"
                        .formatted(
                                step.get("step").asString(),
                                step.get("state").asString(),
                                step.get("sequence").asLong())));
        return steps;
    }

    private double completed(String status) {
        return meters.get("split.portfolio.runs.completed")
                .tag("status", status)
                .counter()
                .count();
    }

    /** Waits until the service's worker has run each of the tasks to SUCCESS. */
    private void awaitSucceeded(TaskEnvelope... tasks) {
        List<UUID> ids = Stream.of(tasks).map(TaskEnvelope::taskId).toList();
        await().atMost(PATIENCE)
                .until(() -> bus.tasksWith(QueueName.PORTFOLIO_TASKS, EventType.TASK_SUCCEEDED)
                        .containsAll(ids));
    }

    private String deadLetterReason(TaskEnvelope task) {
        return bus.deadLetters(QueueName.PORTFOLIO_TASKS).stream()
                .filter(letter -> letter.envelope() != null
                        && letter.envelope().contains(task.taskId().toString()))
                .map(letter -> letter.reason())
                .findFirst()
                .orElse(null);
    }

    private static int order(String decision) {
        return List.of("BUY", "HOLD", "SELL").indexOf(decision);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
