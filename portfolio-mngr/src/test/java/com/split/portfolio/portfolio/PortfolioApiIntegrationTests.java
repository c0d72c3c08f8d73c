package com.split.portfolio.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.portfolio.PortfolioApi;
import com.split.portfolio.config.PortfolioProperties;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.web.test.TestUsers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The portfolio API over real HTTP, on real MariaDB/MySQL and Redis, and the default portfolio of the first start. */
@SplitIntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(PortfolioApi.class)
class PortfolioApiIntegrationTests {

    static final List<String> DEFAULT_TICKERS =
            List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "JPM", "JNJ", "XOM", "KO", "WMT");

    @Autowired
    PortfolioApi api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PortfolioService service;

    @Autowired
    PortfolioProperties properties;

    @ParameterizedTest(name = "chunked: {0}")
    @ValueSource(booleans = {false, true})
    void aBodyOverOneMebibyteIsRefusedBeforeItIsRead(boolean chunked) {
        int before = api.get("/api/portfolios").size();
        String body = "{\"name\": \"" + "x".repeat(2_000_000) + "\"}";

        JsonNode problem = api.client()
                .problem(
                        api.client().postBytes("/api/portfolios", body.getBytes(StandardCharsets.UTF_8), chunked),
                        HttpStatus.CONTENT_TOO_LARGE);

        assertThat(problem.get("detail").asString()).contains("at most 1048576 bytes (1 MiB)");
        assertThat(problem.get("limit").asLong()).isEqualTo(1024 * 1024);
        assertThat(api.get("/api/portfolios")).hasSize(before);
    }

    @Test
    void seedsTheDefaultPortfolioOfUserZeroAtStartup() {
        JsonNode portfolios = api.get("/api/portfolios");

        assertThat(portfolios).hasSize(1);
        JsonNode portfolio = portfolios.get(0);
        assertThat(portfolio.get("user_id").asString()).isEqualTo("user_zero");
        assertThat(portfolio.get("name").asString()).isEqualTo("Default");
        assertThat(symbols(portfolio)).containsExactlyInAnyOrderElementsOf(DEFAULT_TICKERS);
        JsonNode history = api.get("/api/portfolios/%d/history?size=200"
                .formatted(portfolio.get("id").asLong()));
        assertThat(history.get("total_elements").asLong()).isEqualTo(11);
        assertThat(history.get("content").get(10).get("action").asString()).isEqualTo("created");
    }

    @Test
    void seedsOnceWhenInstancesStartTogetherAndAgainAtRestart() throws Exception {
        PortfolioProperties.Seed seed =
                new PortfolioProperties.Seed(true, "seed_" + suffix(), "Default", DEFAULT_TICKERS);
        CyclicBarrier together = new CyclicBarrier(4);
        List<Boolean> created = new ArrayList<>();
        try (ExecutorService instances = Executors.newFixedThreadPool(4)) {
            List<Future<Boolean>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Boolean> start = () -> {
                    together.await();
                    return service.seed(seed);
                };
                starts.add(instances.submit(start));
            }
            for (Future<Boolean> start : starts) {
                created.add(start.get());
            }
        }
        boolean restart = service.seed(seed);

        assertThat(created).containsOnlyOnce(true);
        assertThat(restart).isFalse();
        JsonNode portfolios = api.get("/api/portfolios?userId=" + seed.userId());
        assertThat(portfolios).hasSize(1);
        assertThat(symbols(portfolios.get(0))).hasSize(10);
        long history = jdbc.sql("SELECT COUNT(*) FROM portfolio_history WHERE user_id = :user")
                .param("user", seed.userId())
                .query(Long.class)
                .single();
        assertThat(history).isEqualTo(11);
    }

    @Test
    void createsAPortfolioOfTheCaller() {
        String body = """
                {"name": "  Tech  ", "tickers": ["nvda", " AAPL ", "NVDA"], "reason": "a start"}""";

        JsonNode created = api.call(HttpMethod.POST, "/api/portfolios", body, TestUsers.OPERATOR, HttpStatus.CREATED);

        assertThat(created.get("user_id").asString()).isEqualTo("operator");
        assertThat(created.get("name").asString()).isEqualTo("Tech");
        assertThat(symbols(created)).containsExactlyInAnyOrder("NVDA", "AAPL");
        long id = created.get("id").asLong();
        assertThat(api.get("/api/portfolios/" + id).get("name").asString()).isEqualTo("Tech");
        assertThat(api.get("/api/portfolios?userId=operator")).hasSize(1);
        assertThat(api.call(HttpMethod.GET, "/api/portfolios", null, TestUsers.OPERATOR, HttpStatus.OK))
                .singleElement()
                .satisfies(p -> assertThat(p.get("id").asLong()).isEqualTo(id));
        JsonNode history = api.get("/api/portfolios/%d/history".formatted(id)).get("content");
        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("reason").asString()).isEqualTo("a start");
        assertThat(history.get(0).get("user_id").asString()).isEqualTo("operator");

        JsonNode taken = api.call(
                HttpMethod.POST, "/api/portfolios", "{\"name\": \"Tech\"}", TestUsers.OPERATOR, HttpStatus.CONFLICT);
        assertThat(taken.get("detail").asString()).contains("already has a portfolio named 'Tech'");
    }

    @Test
    void aViewerSeesItsOwnPortfoliosAndNobodyElses() {
        long own = api.createPortfolio(TestUsers.VIEWER.user(), "Viewed " + suffix(), "KO");
        long others = api.createPortfolio("grace_" + suffix(), "Hidden", "KO");

        assertThat(api.call(HttpMethod.GET, "/api/portfolios", null, TestUsers.VIEWER, HttpStatus.OK))
                .anySatisfy(p -> assertThat(p.get("id").asLong()).isEqualTo(own))
                .allSatisfy(p -> assertThat(p.get("user_id").asString()).isEqualTo("viewer"));
        for (String path : List.of("", "/history", "/runs", "/recommendations")) {
            JsonNode hidden = api.call(
                    HttpMethod.GET, "/api/portfolios/" + others + path, null, TestUsers.VIEWER, HttpStatus.NOT_FOUND);
            assertThat(hidden.get("detail").asString()).isEqualTo("No portfolio with id " + others);
        }
        JsonNode listing =
                api.call(HttpMethod.GET, "/api/portfolios?userId=grace", null, TestUsers.VIEWER, HttpStatus.FORBIDDEN);
        assertThat(listing.get("detail").asString()).contains("needs the role operator");
        assertThat(api.call(HttpMethod.GET, "/api/portfolios/" + others, null, TestUsers.OPERATOR, HttpStatus.OK)
                        .get("id")
                        .asLong())
                .isEqualTo(others);
    }

    @Test
    void changesNeedTheOperatorRoleAndReadsAnAuthenticatedCaller() {
        long id = api.createPortfolio(TestUsers.VIEWER.user(), "Guarded " + suffix(), "KO");
        String ticker = "{\"symbol\": \"PEP\"}";

        for (TestUsers caller : List.of(TestUsers.VIEWER, TestUsers.INGEST)) {
            JsonNode refused = api.call(
                    HttpMethod.POST, "/api/portfolios/%d/tickers".formatted(id), ticker, caller, HttpStatus.FORBIDDEN);
            assertThat(refused.get("detail").asString()).contains("lacks the role operator");
            api.call(HttpMethod.POST, "/api/portfolios/%d/refresh".formatted(id), null, caller, HttpStatus.FORBIDDEN);
            api.call(
                    HttpMethod.DELETE,
                    "/api/portfolios/%d/tickers/KO".formatted(id),
                    null,
                    caller,
                    HttpStatus.FORBIDDEN);
        }
        api.call(HttpMethod.GET, "/api/portfolios/" + id, null, TestUsers.INGEST, HttpStatus.FORBIDDEN);
        JsonNode anonymous = api.call(HttpMethod.GET, "/api/portfolios/" + id, null, null, HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.get("status").asInt()).isEqualTo(401);

        assertThat(symbols(api.call(
                        HttpMethod.POST,
                        "/api/portfolios/%d/tickers".formatted(id),
                        ticker,
                        TestUsers.OPERATOR,
                        HttpStatus.CREATED)))
                .containsExactly("KO", "PEP");
    }

    @Test
    void addsAndRemovesTickersRecordingWhoAndWhy() {
        long id = api.createPortfolio("bob_" + suffix(), "Mine", "KO");

        JsonNode added = api.call(
                HttpMethod.POST,
                "/api/portfolios/%d/tickers".formatted(id),
                "{\"symbol\": \" brk-b \", \"reason\": \"value\"}",
                TestUsers.OPERATOR,
                HttpStatus.CREATED);
        assertThat(symbols(added)).containsExactly("KO", "BRK-B");

        JsonNode removed = api.call(
                HttpMethod.DELETE,
                "/api/portfolios/%d/tickers/ko?reason=too sweet".formatted(id),
                null,
                TestUsers.ADMIN,
                HttpStatus.OK);
        assertThat(symbols(removed)).containsExactly("BRK-B");

        JsonNode history = api.get("/api/portfolios/%d/history?page=0&size=2".formatted(id));
        assertThat(history.get("total_elements").asLong()).isEqualTo(4);
        assertThat(history.get("total_pages").asLong()).isEqualTo(2);
        JsonNode newest = history.get("content").get(0);
        assertThat(newest.get("user_id").asString()).isEqualTo("user_zero");
        assertThat(newest.get("action").asString()).isEqualTo("removed");
        assertThat(newest.get("symbol").asString()).isEqualTo("KO");
        assertThat(newest.get("reason").asString()).isEqualTo("too sweet");
        JsonNode before = history.get("content").get(1);
        assertThat(before.get("user_id").asString()).isEqualTo("operator");
        assertThat(before.get("action").asString()).isEqualTo("added");
        assertThat(before.get("symbol").asString()).isEqualTo("BRK-B");
        assertThat(before.get("reason").asString()).isEqualTo("value");
    }

    @Test
    void refusesADuplicateTickerWithAConflictAndRecordsNothing() {
        long id = api.createPortfolio("erin_" + suffix(), "Dup", "AAPL");

        JsonNode problem = api.problem(
                HttpMethod.POST,
                "/api/portfolios/%d/tickers".formatted(id),
                "{\"symbol\": \"aapl\"}",
                HttpStatus.CONFLICT);

        assertThat(problem.get("detail").asString()).isEqualTo("AAPL is already in portfolio 'Dup'");
        assertThat(api.get("/api/portfolios/%d/history".formatted(id))
                        .get("total_elements")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void refusesATickerBeyondTheLimit() {
        List<String> full = new ArrayList<>();
        for (int i = 0; i < properties.maxTickers(); i++) {
            full.add("T" + i);
        }
        long id = api.createPortfolio("full_" + suffix(), "Full", full.toArray(String[]::new));

        JsonNode problem = api.problem(
                HttpMethod.POST,
                "/api/portfolios/%d/tickers".formatted(id),
                "{\"symbol\": \"ONE\"}",
                HttpStatus.CONFLICT);

        assertThat(problem.get("title").asString()).isEqualTo("Portfolio full");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "POST | /api/portfolios/1/tickers | {\"symbol\": \"AA PL\"}                 | symbol | 'AA PL' is not a ticker symbol",
                "POST | /api/portfolios/1/tickers | {\"symbol\": \"TOOLONGSYMBOL12345\"}    | symbol | 'TOOLONGSYMBOL12345' is not a ticker symbol",
                "POST | /api/portfolios/1/tickers | {\"symbol\": \"BRK--B\"}                | symbol | is not a ticker symbol",
                "POST | /api/portfolios/1/tickers | {\"symbol\": \"  \"}                    | symbol | Enter a ticker symbol",
                "POST | /api/portfolios/1/tickers | {}                                       | symbol | Enter a ticker symbol",
                "POST | /api/portfolios/1/tickers | {\"symbol\": \"AAPL\", \"reason\": \"%s\"} | reason | A reason is at most 500 characters",
                "POST | /api/portfolios          | {\"name\": \"\"}                          | name   | Give the portfolio a name",
                "POST | /api/portfolios          | {\"name\": \"X\", \"tickers\": [\"ok\", \"n o\"]} | tickers[1] | 'n o' is not a ticker symbol",
            })
    void answersBadRequestNamingTheField(String method, String path, String json, String field, String detail) {
        JsonNode problem =
                api.problem(HttpMethod.valueOf(method), path, json.formatted("x".repeat(501)), HttpStatus.BAD_REQUEST);

        assertThat(problem.get("field").asString()).isEqualTo(field);
        assertThat(problem.get("detail").asString()).contains(detail);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "GET    | /api/portfolios/abc                     | id",
                "GET    | /api/portfolios/0                       | id",
                "GET    | /api/portfolios/-4/history              | id",
                "GET    | /api/portfolios/1/history?page=-1       | page",
                "GET    | /api/portfolios/1/history?size=0        | size",
                "GET    | /api/portfolios/1/history?size=lots     | size",
                "GET    | /api/portfolios?userId=no spaces        | userId",
                "DELETE | /api/portfolios/1/tickers/AA PL         | symbol",
                "DELETE | /api/portfolios/x/tickers/AAPL          | id",
            })
    void answersBadRequestNamingTheParameter(String method, String path, String parameter) {
        JsonNode problem = api.problem(HttpMethod.valueOf(method), path, null, HttpStatus.BAD_REQUEST);

        assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
        assertThat(problem.get("detail").asString()).startsWith("Parameter '%s'".formatted(parameter));
    }

    @Test
    void answersBadRequestForAnInvalidUserId() {
        JsonNode problem =
                api.problem(HttpMethod.GET, "/api/portfolios?userId=robert'); DROP", null, HttpStatus.BAD_REQUEST);

        assertThat(problem.get("parameter").asString()).isEqualTo("userId");
    }

    @Test
    void answersBadRequestForABodyThatIsNotJson() {
        for (String body : List.of("{\"symbol\": ", "[\"AAPL\"]", "{\"symbol\": [\"AAPL\"]}")) {
            JsonNode problem = api.problem(HttpMethod.POST, "/api/portfolios/1/tickers", body, HttpStatus.BAD_REQUEST);
            assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
        }
        api.problem(HttpMethod.POST, "/api/portfolios/1/tickers", null, HttpStatus.BAD_REQUEST);
    }

    @Test
    void answersNotFoundForAnUnknownPortfolioOrTicker() {
        for (String path : List.of("/api/portfolios/999999", "/api/portfolios/999999/history")) {
            JsonNode problem = api.problem(HttpMethod.GET, path, null, HttpStatus.NOT_FOUND);
            assertThat(problem.get("detail").asString()).isEqualTo("No portfolio with id 999999");
        }
        api.problem(HttpMethod.POST, "/api/portfolios/999999/tickers", "{\"symbol\": \"AAPL\"}", HttpStatus.NOT_FOUND);
        api.problem(HttpMethod.DELETE, "/api/portfolios/999999/tickers/AAPL", null, HttpStatus.NOT_FOUND);
        long id = api.createPortfolio("frank_" + suffix(), "Small", "KO");

        JsonNode absent = api.problem(
                HttpMethod.DELETE, "/api/portfolios/%d/tickers/PEP".formatted(id), null, HttpStatus.NOT_FOUND);

        assertThat(absent.get("detail").asString()).isEqualTo("Portfolio %d does not hold PEP".formatted(id));
        api.problem(HttpMethod.GET, "/api/nothing-here", null, HttpStatus.NOT_FOUND);
    }

    @Test
    void describesTheApiInOpenApi() {
        JsonNode docs = api.get("/v3/api-docs");
        JsonNode paths = docs.get("paths");

        assertThat(docs.get("info").get("title").asString()).isEqualTo("SPLit portfolio-mngr");
        for (String path : List.of(
                "/api/portfolios",
                "/api/portfolios/{id}",
                "/api/portfolios/{id}/tickers",
                "/api/portfolios/{id}/tickers/{symbol}",
                "/api/portfolios/{id}/history",
                "/api/portfolios/{id}/refresh",
                "/api/portfolios/{id}/runs",
                "/api/portfolios/{id}/recommendations",
                "/api/runs/{sessionId}")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        JsonNode schemas = docs.get("components").get("schemas");
        assertThat(schemas.get("Portfolio").get("properties").has("user_id")).isTrue();
        assertThat(schemas.get("RunView").get("properties").has("refresh_task")).isTrue();
        api.client()
                .http()
                .get()
                .uri("/swagger-ui/index.html")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void servesThePageAndTheProbes() {
        String page = api.client()
                .http()
                .get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page).contains("<title>SPLit portfolio</title>", "portfolio.js");

        for (String probe : List.of("/readyz", "/livez")) {
            api.client()
                    .as(null)
                    .http()
                    .get()
                    .uri(probe)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    private static List<String> symbols(JsonNode portfolio) {
        List<String> symbols = new ArrayList<>();
        portfolio
                .get("tickers")
                .forEach(ticker -> symbols.add(ticker.get("symbol").asString()));
        return symbols;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
