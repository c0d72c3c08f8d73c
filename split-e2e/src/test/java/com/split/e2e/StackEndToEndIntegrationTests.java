package com.split.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SPLit as a user runs it: {@code bin/split up} starts every service as its own process, on a Redis of its own and
 * this machine's MariaDB, and a refresh goes through the REST API of portfolio-mngr, the bus, the three workers and the orchestrator.
 * Needs redis-server and mariadb-server installed (CI installs them), as bin/split does.
 */
@TestMethodOrder(OrderAnnotation.class)
class StackEndToEndIntegrationTests {

    static final Duration RUN_PATIENCE = Duration.ofMinutes(3);
    static final List<String> SERVICES = List.of(
            "portfolio-mngr", "data-orchestrator", "yahoo-gateway", "init-filter", "final-sel", "event-srv", "log-srv");
    static final Set<String> TERMINAL = Set.of("SUCCESS", "NO_DATA", "FAILURE", "CANCELLED", "TIMEOUT");

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    static Stack stack;

    @BeforeAll
    static void up() throws Exception {
        stack = Stack.up();
    }

    @AfterAll
    static void down() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void everyServiceIsReadyAndExportsItsMetrics() throws Exception {
        assertThat(stack.split("status")).contains("ready").doesNotContain("stopped");
        for (String service : SERVICES) {
            assertThat(status(stack.baseUrl(service) + "/actuator/health/readiness"))
                    .as("%s readiness", service)
                    .isEqualTo(200);
            assertThat(status(stack.baseUrl(service) + "/actuator/prometheus"))
                    .as("%s metrics", service)
                    .isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void refreshOfTheDefaultPortfolioEndsWithTenRecommendationsAndAFinishedTaskTree() throws Exception {
        long portfolio = defaultPortfolio();

        String session = refresh(portfolio);
        JsonNode run = awaitEnd(session);

        assertThat(run.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(run.get("steps"))
                .extracting(step ->
                        step.get("step").asString() + "=" + step.get("state").asString())
                .containsExactly("fetch=done", "filter=done", "select=done");
        JsonNode latest = get(stack.baseUrl("portfolio-mngr") + "/api/portfolios/" + portfolio + "/recommendations");
        assertThat(latest.get("session_id").asString()).isEqualTo(session);
        List<JsonNode> recommendations = list(latest.get("recommendations"));
        assertThat(recommendations)
                .extracting(recommendation -> recommendation.get("ticker").asString())
                .containsExactlyInAnyOrder("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "JPM", "JNJ", "XOM", "KO", "WMT");
        assertThat(recommendations)
                .allSatisfy(recommendation ->
                        assertThat(recommendation.get("decision").asString()).isIn("BUY", "HOLD", "SELL"));
        // Long-only and capped at 30 % a name; only Buy names hold weight (with fewer than four, some stays cash).
        assertThat(recommendations).allSatisfy(recommendation -> {
            double weight = recommendation.get("weight").asDouble();
            assertThat(weight).isBetween(0.0, 0.30 + 1e-9);
            if (!recommendation.get("decision").asString().equals("BUY")) {
                assertThat(weight).isZero();
            }
        });
        double weights = recommendations.stream()
                .mapToDouble(recommendation -> recommendation.get("weight").asDouble())
                .sum();
        assertThat(weights).isGreaterThan(0).isLessThanOrEqualTo(1 + 1e-9);
        assertThatTheSessionsTasksAllEnded(session);
    }

    @Test
    @Order(3)
    void runSurvivesInitFilterKilledAndRestarted() throws Exception {
        long portfolio = defaultPortfolio();
        ProcessHandle initFilter = ProcessHandle.of(stack.pid("init-filter")).orElseThrow();

        String session = refresh(portfolio);
        initFilter.destroyForcibly(); // SIGKILL while the run fetches: no shutdown hook, no graceful give-back
        await().atMost(Duration.ofSeconds(30)).until(() -> !initFilter.isAlive());
        // The run reaches its filter step while no init-filter runs: the task waits on the bus.
        await().atMost(RUN_PATIENCE)
                .until(() -> tasks(session).stream()
                        .anyMatch(task -> task.get("task_type").asString().equals("initial_filter")));
        assertThat(get(stack.baseUrl("portfolio-mngr") + "/api/runs/" + session)
                        .get("status")
                        .asString())
                .isEqualTo("RUNNING");

        stack.split("up"); // starts what is not running: init-filter

        JsonNode run = awaitEnd(session);
        assertThat(run.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(list(get(stack.baseUrl("portfolio-mngr") + "/api/portfolios/" + portfolio + "/recommendations")
                        .get("recommendations")))
                .hasSize(10);
        assertThatTheSessionsTasksAllEnded(session);
    }

    @Test
    @Order(4)
    void upBringsBackARedisThatDiedUnderTheRunningStack() throws Exception {
        ProcessHandle redis = ProcessHandle.of(stack.pid("redis")).orElseThrow();
        redis.destroyForcibly(); // SIGKILL: Redis comes back from its AOF
        await().atMost(Duration.ofSeconds(30)).until(() -> !redis.isAlive());

        stack.split("up"); // every service still runs: only Redis is started

        assertThat(ProcessHandle.of(stack.pid("redis")))
                .hasValueSatisfying(restarted -> assertThat(restarted.isAlive()).isTrue());
        String session = refresh(defaultPortfolio());
        assertThat(awaitEnd(session).get("status").asString()).isEqualTo("SUCCESS");
        assertThatTheSessionsTasksAllEnded(session);
    }

    /** event-srv holds the session's whole task tree, and every task in it has ended. */
    private void assertThatTheSessionsTasksAllEnded(String session) {
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            List<JsonNode> tasks = tasks(session);
            assertThat(tasks)
                    .extracting(task -> task.get("task_type").asString())
                    .contains(
                            "refresh",
                            "fetch_prices",
                            "fetch_fundamentals",
                            "initial_filter",
                            "final_selection",
                            "task_finished",
                            "run_progress",
                            "run_completed");
            assertThat(tasks)
                    .allSatisfy(task -> assertThat(task.get("status").asString())
                            .as(
                                    "%s %s",
                                    task.get("task_type").asString(),
                                    task.get("task_id").asString())
                            .isIn(TERMINAL));
        });
    }

    private List<JsonNode> tasks(String session) throws Exception {
        List<JsonNode> tasks = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode found =
                    get(stack.baseUrl("event-srv") + "/api/tasks?size=200&page=" + page + "&sessionId=" + session);
            tasks.addAll(list(found.get("content")));
            if (page + 1 >= found.get("total_pages").asLong()) {
                return tasks;
            }
        }
    }

    private long defaultPortfolio() throws Exception {
        JsonNode portfolios = get(stack.baseUrl("portfolio-mngr") + "/api/portfolios");
        return list(portfolios).stream()
                .filter(portfolio -> portfolio.get("name").asString().equals("Default"))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
    }

    private String refresh(long portfolio) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                stack.baseUrl("portfolio-mngr") + "/api/portfolios/" + portfolio + "/refresh"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String session = JSON.readTree(response.body()).get("session_id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/runs/" + session);
        return session;
    }

    private JsonNode awaitEnd(String session) {
        String url = stack.baseUrl("portfolio-mngr") + "/api/runs/" + session;
        return await().atMost(RUN_PATIENCE)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> get(url), run -> !run.get("status").asString().equals("RUNNING"));
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
