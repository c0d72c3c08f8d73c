package com.split.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.split.e2e.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
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
 * The services run as bin/split runs them by default: each on its own MySQL and Redis users, the HTTP APIs behind the
 * development users of {@code docker/dev.env} (user_zero: viewer, operator, ingest; viewer; ingest) with HTTP Basic,
 * Actuator on the management ports (the API port + 1000), everything on 127.0.0.1.
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

    /** The development users bin/split falls back to, with their passwords from docker/dev.env. */
    static final String ADMIN = basic("user_zero", "SPLIT_ADMIN_PASSWORD");

    static final String VIEWER = basic("viewer", "SPLIT_VIEWER_PASSWORD");
    static final String INGEST = basic("ingest", "SPLIT_INGEST_PASSWORD");

    static OtlpReceiver traces;
    static Stack stack;

    @BeforeAll
    static void up() throws Exception {
        traces = OtlpReceiver.start();
        stack = Stack.up(Map.of("SPLIT_OTLP_ENDPOINT", traces.endpoint()));
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            traces.close();
        }
    }

    @Test
    @Order(1)
    void everyServiceIsReadyAndExportsItsMetricsOnItsManagementPortAlone() throws Exception {
        assertThat(stack.split("status")).contains("ready").doesNotContain("stopped");
        for (String service : SERVICES) {
            assertThat(status(stack.baseUrl(service) + "/readyz", null))
                    .as("%s readiness, without logging in", service)
                    .isEqualTo(200);
            assertThat(status(stack.baseUrl(service) + "/livez", null))
                    .as("%s liveness", service)
                    .isEqualTo(200);
            assertThat(status(managementUrl(service) + "/actuator/prometheus", null))
                    .as("%s metrics on its management port", service)
                    .isEqualTo(200);
            assertThat(status(managementUrl(service) + "/actuator/health/readiness", null))
                    .as("%s readiness on its management port", service)
                    .isEqualTo(200);
            assertThat(status(stack.baseUrl(service) + "/actuator/prometheus", ADMIN))
                    .as("%s metrics on its API port, even to user_zero", service)
                    .isIn(401, 403, 404);
        }
    }

    @Test
    @Order(2)
    void eachRoleGetsWhatItMayAndNothingMore() throws Exception {
        String portfolios = stack.baseUrl("portfolio-mngr") + "/api/portfolios";
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(portfolios)), null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).contains("Basic"));
        for (String service : List.of("data-orchestrator", "event-srv", "log-srv")) {
            assertThat(status(stack.baseUrl(service) + "/v3/api-docs", null))
                    .as("%s without logging in", service)
                    .isEqualTo(401);
        }
        assertThat(status(portfolios, basic("user_zero", "wrong-password"))).isEqualTo(401);
        assertThat(status(portfolios, VIEWER)).isEqualTo(200);

        // viewer reads, but may not start a run; ingest may neither.
        long portfolio = defaultPortfolio();
        String refresh = portfolios + "/" + portfolio + "/refresh";
        assertThat(send(HttpRequest.newBuilder(URI.create(refresh)).POST(HttpRequest.BodyPublishers.noBody()), VIEWER)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(URI.create(refresh)).POST(HttpRequest.BodyPublishers.noBody()), INGEST)
                        .statusCode())
                .isEqualTo(403);
        assertThat(status(stack.baseUrl("event-srv") + "/api/tasks", VIEWER)).isEqualTo(200);
        assertThat(status(stack.baseUrl("event-srv") + "/api/tasks", INGEST)).isEqualTo(403);

        // ingest posts events and log records: the machine clients' role, which viewer does not imply.
        String event = """
                {"event_id": "%s", "event_type": "task_business_result", "task_id": "%s", "queue": "yahoo_tasks",
                 "task_type": "fetch_prices", "source_module": "e2e", "occurred_at": "%s", "details": {"rows": 0}}""".formatted(UUID.randomUUID(), UUID.randomUUID(), Instant.now());
        assertThat(post(stack.baseUrl("event-srv") + "/api/events", event, VIEWER)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> posted = post(stack.baseUrl("event-srv") + "/api/events", event, INGEST);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String record = """
                {"timestamp": "%s", "level": "WARN", "module": "e2e", "logger": "e2e", "thread": "main",
                 "message": "posted by the ingest user"}""".formatted(Instant.now());
        assertThat(post(stack.baseUrl("log-srv") + "/api/logs", record, VIEWER).statusCode())
                .isEqualTo(403);
        HttpResponse<String> logged = post(stack.baseUrl("log-srv") + "/api/logs", record, INGEST);
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(202);
    }

    @Test
    @Order(3)
    void servicesListenOnLoopbackOnly() throws Exception {
        List<InetAddress> others = NetworkInterface.networkInterfaces()
                .filter(network -> {
                    try {
                        return network.isUp() && !network.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address)
                .toList();
        assumeTrue(!others.isEmpty(), "this machine has no address but loopback");
        for (String service : SERVICES) {
            for (int port : List.of(
                    URI.create(stack.baseUrl(service)).getPort(),
                    URI.create(managementUrl(service)).getPort())) {
                for (InetAddress address : others) {
                    assertThatThrownBy(() -> {
                                try (Socket socket = new Socket()) {
                                    socket.connect(new InetSocketAddress(address, port), 2_000);
                                }
                            })
                            .as("%s's port %d on %s", service, port, address)
                            .isInstanceOf(IOException.class);
                }
            }
        }
    }

    @Test
    @Order(4)
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
        // The offline provider's calibrated market: household names trade at their own prices, every line has a score
        // (a rejected ticker its filter score), and each says its data is synthetic.
        assertThat(recommendations).allSatisfy(recommendation -> {
            assertThat(recommendation.get("score").isNumber())
                    .as("%s has a score", recommendation.get("ticker"))
                    .isTrue();
            assertThat(recommendation.get("reasons").asString())
                    .doesNotContainPattern("price: last close [0-9.]+ <")
                    .contains("data: offline provider (synthetic prices and statements)");
        });
        // The page's price chart: each ticker's closes over the year the screen read, which portfolio-mngr reads from
        // yahoo-gateway's schema with its SELECT grant.
        JsonNode prices = get(stack.baseUrl("portfolio-mngr") + "/api/portfolios/" + portfolio + "/prices");
        assertThat(prices.get("session_id").asString()).isEqualTo(session);
        assertThat(list(prices.get("tickers"))).hasSize(recommendations.size()).allSatisfy(ticker -> {
            assertThat(ticker.get("dates").size())
                    .as("%s's closes", ticker.get("ticker"))
                    .isGreaterThan(200);
            assertThat(ticker.get("adj_close").size())
                    .isEqualTo(ticker.get("dates").size());
        });
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

    /** After a run, so that the bus's, HTTP's, Hikari's and Lettuce's meters all exist. */
    @Test
    @Order(5)
    void everyServicesMetricsPassPromtoolAndTheBusLatenciesHaveHistograms() throws Exception {
        get(stack.baseUrl("event-srv") + "/api/recovery/stuck"); // event-srv reads each queue's workers now
        for (String service : SERVICES) {
            Promtool.Result lint = Promtool.run(metrics(service), "check", "metrics");
            assertThat(lint.exitCode())
                    .as("promtool check metrics of %s:%n%s", service, lint.output())
                    .isZero();
        }
        assertThat(metrics("init-filter"))
                .contains("split_tasks_duration_seconds_bucket{")
                .contains("split_tasks_queue_wait_seconds_bucket{")
                .contains("lettuce_seconds_bucket{");
        // the API's requests (probes and Actuator are not observed: docs/operations.md, Tracing)
        assertThat(metrics("portfolio-mngr")).containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/");
        assertThat(metrics("event-srv"))
                .containsPattern("(?m)^split_queue_workers\\{queue=\"init_filter_tasks\"} [1-9]");
    }

    /** One refresh exported by every service to the stack's OTLP receiver. */
    @Test
    @Order(6)
    void aRefreshIsOneTraceFromTheHttpRequestThroughTheOrchestratorAndTheThreeWorkers() throws Exception {
        String session = refresh(defaultPortfolio());
        assertThat(awaitEnd(session).get("status").asString()).isEqualTo("SUCCESS");

        // Each service exports its spans in batches, every few seconds.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ReceivedSpan> ofSession = traces.spans().stream()
                    .filter(span -> session.equals(span.attribute("split.session.id")))
                    .toList();
            assertThat(ofSession).isNotEmpty();
            assertThat(ofSession)
                    .extracting(ReceivedSpan::traceId)
                    .containsOnly(ofSession.getFirst().traceId());
            List<ReceivedSpan> trace = traces.spans().stream()
                    .filter(span -> span.traceId().equals(ofSession.getFirst().traceId()))
                    .toList();
            Map<String, ReceivedSpan> byId =
                    trace.stream().collect(Collectors.toMap(ReceivedSpan::spanId, span -> span));

            // One root, the HTTP request that started the run; every other span's parent is in the trace.
            List<ReceivedSpan> roots =
                    trace.stream().filter(ReceivedSpan::isRoot).toList();
            assertThat(roots).singleElement().satisfies(root -> {
                assertThat(root.service()).isEqualTo("portfolio-mngr");
                assertThat(root.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
            });
            assertThat(trace)
                    .filteredOn(span -> !span.isRoot())
                    .allSatisfy(span -> assertThat(byId)
                            .as("parent of %s (%s)", span.name(), span.service())
                            .containsKey(span.parentSpanId()));

            List<ReceivedSpan> tasks = trace.stream()
                    .filter(span -> span.kind() == Span.SpanKind.SPAN_KIND_CONSUMER)
                    .toList();
            assertThat(tasks)
                    .extracting(span -> span.name() + "@" + span.service())
                    .contains(
                            "refresh@data-orchestrator",
                            "fetch_prices@yahoo-gateway",
                            "fetch_fundamentals@yahoo-gateway",
                            "initial_filter@init-filter",
                            "final_selection@final-sel",
                            "task_finished@data-orchestrator",
                            "run_progress@portfolio-mngr",
                            "run_completed@portfolio-mngr");
            // The refresh task was published within the request (by its controller, under Spring Security's spans).
            ReceivedSpan publisher = byId.get(tasks.stream()
                    .filter(span -> span.name().equals("refresh"))
                    .findFirst()
                    .orElseThrow()
                    .parentSpanId());
            assertThat(publisher.service()).isEqualTo("portfolio-mngr");
            while (!publisher.isRoot()) {
                publisher = byId.get(publisher.parentSpanId());
            }
            assertThat(publisher).isEqualTo(roots.getFirst());
            assertThat(tasks)
                    .filteredOn(span -> Set.of("fetch_prices", "initial_filter", "final_selection", "run_completed")
                            .contains(span.name()))
                    .allSatisfy(span -> assertThat(byId.get(span.parentSpanId()).service())
                            .as("who published %s", span.name())
                            .isEqualTo("data-orchestrator"));

            // Probes make no trace: bin/split up asked each service's /readyz until it answered.
            assertThat(traces.spans())
                    .extracting(span -> span.attribute("http.url"))
                    .doesNotContain("/readyz", "/livez");

            // Each run: its attributes, and beside it (same parent) the wait from its creation to its claim.
            assertThat(tasks).allSatisfy(task -> {
                assertThat(task.attribute("split.task.id")).isNotBlank();
                assertThat(task.attribute("split.task.type")).isEqualTo(task.name());
                assertThat(task.attribute("split.task.attempt")).isEqualTo("0");
                assertThat(task.attribute("split.task.outcome")).isIn("SUCCESS", "NO_DATA");
                assertThat(Long.parseLong(task.attribute("split.task.queue_wait_ms")))
                        .isNotNegative();
                assertThat(trace)
                        .filteredOn(span ->
                                task.attribute("split.task.id").equals(span.attribute("split.task.id")) && span != task)
                        .singleElement()
                        .satisfies(wait -> {
                            assertThat(wait.name()).isEqualTo(task.attribute("split.task.queue") + " wait");
                            assertThat(wait.parentSpanId()).isEqualTo(task.parentSpanId());
                            assertThat(wait.endNanos()).isEqualTo(task.startNanos());
                        });
            });
        });
    }

    @Test
    @Order(7)
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

        String up = stack.split("up"); // starts what is not running: init-filter
        assertThat(up)
                .as("bin/split says it runs on development users, and where the services listen")
                .contains("user_zero/user_zero-dev (viewer,operator,ingest)")
                .contains("development")
                .contains("listen on 127.0.0.1 only");

        JsonNode run = awaitEnd(session);
        assertThat(run.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(list(get(stack.baseUrl("portfolio-mngr") + "/api/portfolios/" + portfolio + "/recommendations")
                        .get("recommendations")))
                .hasSize(10);
        assertThatTheSessionsTasksAllEnded(session);
    }

    @Test
    @Order(8)
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

    /** A refresh as user_zero, who holds operator. */
    private String refresh(long portfolio) throws Exception {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(URI.create(
                                stack.baseUrl("portfolio-mngr") + "/api/portfolios/" + portfolio + "/refresh"))
                        .POST(HttpRequest.BodyPublishers.noBody()),
                ADMIN);
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

    /** A GET as user_zero. */
    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(url)).GET(), ADMIN);
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A service's /actuator/prometheus, from its management port. */
    private static String metrics(String service) throws Exception {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(URI.create(managementUrl(service) + "/actuator/prometheus"))
                        .GET(),
                null);
        assertThat(response.statusCode()).as("%s metrics", service).isEqualTo(200);
        return response.body();
    }

    private static int status(String url, @Nullable String authorization) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), authorization)
                .statusCode();
    }

    private static HttpResponse<String> post(String url, String json, String authorization) throws Exception {
        return send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                authorization);
    }

    /** Sends with HTTP Basic's Authorization header, or none when null. */
    private static HttpResponse<String> send(HttpRequest.Builder request, @Nullable String authorization)
            throws Exception {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The service's management port (Actuator): its API port + 1000. */
    private static String managementUrl(String service) {
        URI api = URI.create(stack.baseUrl(service));
        return "http://" + api.getHost() + ":" + (api.getPort() + 1000);
    }

    /** HTTP Basic for a user whose password docker/dev.env holds as {noop} text, or for the given password. */
    private static String basic(String user, String passwordOrVariable) {
        String password = passwordOrVariable;
        if (passwordOrVariable.startsWith("SPLIT_")) {
            password = devPassword(passwordOrVariable);
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String devPassword(String variable) {
        Path devEnv = Path.of("").toAbsolutePath().getParent().resolve("docker/dev.env");
        try {
            return Files.readAllLines(devEnv).stream()
                    .filter(line -> line.startsWith(variable + "={noop}"))
                    .map(line -> line.substring((variable + "={noop}").length()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(devEnv + " has no {noop} " + variable));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
