package com.split.finalsel.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.split.finalsel.fixtures.FilterReasons;
import com.split.finalsel.fixtures.StandInData;
import com.split.finalsel.series.PriceSeries;
import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskType;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.TaskRuns;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.tasks.test.TaskEnvelopes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code final_selection} tasks published with the real {@link TaskPublisher} onto {@code final_sel_tasks} and run by
 * the service's own worker against real Redis and MariaDB/MySQL. One throwaway schema holds split_stocks (built by
 * yahoo-gateway's migration), a stand-in {@code initial_filtration} and final_selections.
 *
 * <p>The Buy names' daily log returns are a drift plus {@code σ_i} times a Walsh function (rows 1 to 5 of the 64 x 64
 * Sylvester-Hadamard matrix, period 8 at most): over the 64-day covariance window they are mutually orthogonal and sum
 * to 0, so the sample covariance is exactly {@code diag(σ_i²)}, its constant-correlation target is itself (no
 * shrinkage), and the minimum-variance weights are known in closed form: {@code 1/σ_i²}, normalized, with the cap.
 */
@SplitIntegrationTest(
        properties = "split.selection.weighting.window=64",
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TaskRuns.class)
class SelectionIntegrationTests {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final LocalDate LAST_BAR = LocalDate.of(2026, 11, 25);
    static final List<String> PORTFOLIO =
            List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "JPM", "JNJ", "XOM", "KO", "WMT");
    /** The Buy names and their daily volatility. */
    static final Map<String, Double> BUY_SIGMAS =
            Map.of("AAPL", 0.010, "MSFT", 0.012, "NVDA", 0.014, "AMZN", 0.016, "GOOGL", 0.018);

    @TestConfiguration(proxyBeanMethods = false)
    static class StandInTables {

        @Bean
        StandInData standInData(DataSource dataSource) {
            return StandInData.create(dataSource);
        }

        @Bean
        InitializingBean portfolioData(StandInData data) {
            return () -> seedPortfolio(data);
        }
    }

    @Autowired
    TaskRuns runs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StandInData data;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    /** 300 weekdays up to {@link #LAST_BAR}. */
    static List<LocalDate> weekdays() {
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate day = LAST_BAR; dates.size() < 300; day = day.minusDays(1)) {
            if (day.getDayOfWeek().getValue() <= 5) {
                dates.addFirst(day);
            }
        }
        return dates;
    }

    /** Closes from 100 whose daily log returns are {@code drift + sigma * walsh(row, day)}. */
    static PriceSeries walk(String ticker, double drift, double sigma, int walshRow) {
        List<LocalDate> dates = weekdays();
        double[] closes = new double[dates.size()];
        closes[0] = 100;
        for (int t = 1; t < closes.length; t++) {
            int walsh = Integer.bitCount(walshRow & t) % 2 == 0 ? 1 : -1;
            closes[t] = closes[t - 1] * Math.exp(drift + sigma * walsh);
        }
        return new PriceSeries(ticker, dates, closes);
    }

    static void seedPortfolio(StandInData data) {
        String user = "user_zero";
        String session = "run-portfolio";
        int row = 1;
        for (String ticker : List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL")) {
            data.bars(walk(ticker, 0.001, BUY_SIGMAS.get(ticker), row++));
            data.fundamentals(ticker, LAST_BAR, 12.5, 0.25, 0.20); // value 0.75, quality 1 with F 8
            data.filterResult(
                    user,
                    session,
                    ticker,
                    true,
                    0.8,
                    FilterReasons.passing().piotroski(8, 9).json());
        }
        // a middling bank: quality 0.45, value 0.375, flat momentum, 15% volatility -> about 0.47
        data.bars(walk("JPM", 0, 0.015, 6));
        data.fundamentals("JPM", LAST_BAR, 20.0, 0.10, 0.25);
        data.filterResult(
                user,
                session,
                "JPM",
                true,
                0.6,
                FilterReasons.passing().piotroski(5, 9).altman(null, "unknown").json());
        // weak on everything: about 0.09
        data.bars(walk("JNJ", -0.0015, 0.03, 7));
        data.fundamentals("JNJ", LAST_BAR, 60.0, 0.02, 0.01);
        data.filterResult(
                user,
                session,
                "JNJ",
                true,
                0.5,
                FilterReasons.passing().piotroski(3, 9).json());
        // as good as the Buy names, but in Altman's distress zone
        data.bars(walk("XOM", 0.001, 0.011, 3));
        data.fundamentals("XOM", LAST_BAR, 12.5, 0.25, 0.20);
        data.filterResult(
                user,
                session,
                "XOM",
                true,
                0.7,
                FilterReasons.passing().piotroski(8, 9).altman(1.1, "distress").json());
        // failed the initial filter; WMT has no initial_filtration row at all
        data.bars(walk("KO", 0.001, 0.01, 5));
        data.fundamentals("KO", LAST_BAR, 12.5, 0.25, 0.20);
        data.filterResult(
                user,
                session,
                "KO",
                false,
                0.2,
                FilterReasons.failing("liquidity: ADV$ 20d = 1.2e6 < 5e6").json());
        data.bars(walk("WMT", 0.001, 0.01, 2));
        // fetched from Yahoo, but for the offline provider's synthetic data
        for (String ticker : PORTFOLIO) {
            data.ticker(ticker, List.of("XOM", "KO").contains(ticker) ? "offline" : "yahoo");
        }
    }

    /** Publishes a selection of {@code tickers} for the session and waits for its ending event. */
    TaskEvent select(String user, String session, List<String> tickers) {
        return runs.run(
                TaskEnvelopes.of(TaskType.FINAL_SELECTION)
                        .userId(user)
                        .sessionId(session)
                        .tickers(tickers)
                        .build(),
                PATIENCE);
    }

    static Map<String, JsonNode> byTicker(TaskEvent ending) {
        Map<String, JsonNode> recommendations = new HashMap<>();
        for (JsonNode recommendation : ending.details().get("recommendations").values()) {
            recommendations.put(recommendation.get("ticker").asString(), recommendation);
        }
        return recommendations;
    }

    List<Map<String, Object>> rows(String session) {
        return jdbc.sql("SELECT * FROM final_selections WHERE session_id = ? ORDER BY ticker")
                .param(session)
                .query()
                .listOfRows();
    }

    @Test
    void aSessionOfTenTickersGetsTheExpectedDecisionsAndMinimumVarianceWeights() {
        TaskEvent ending = select("user_zero", "run-portfolio", PORTFOLIO);

        assertThat(ending.eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        JsonNode details = ending.details();
        assertThat(details.get("tickers").asInt()).isEqualTo(10);
        assertThat(details.get("buy").asInt()).isEqualTo(5);
        assertThat(details.get("hold").asInt()).isEqualTo(1);
        assertThat(details.get("sell").asInt()).isEqualTo(4);
        assertThat(details.get("weighting").asString()).isEqualTo("min_variance");
        assertThat(details.get("recommendations").values())
                .extracting(r -> r.get("ticker").asString())
                .containsExactlyElementsOf(PORTFOLIO);

        Map<String, JsonNode> recommendations = byTicker(ending);
        Map<String, String> decisions = new HashMap<>();
        recommendations.forEach(
                (ticker, r) -> decisions.put(ticker, r.get("decision").asString()));
        assertThat(decisions)
                .containsAllEntriesOf(
                        Map.of("AAPL", "BUY", "MSFT", "BUY", "NVDA", "BUY", "AMZN", "BUY", "GOOGL", "BUY"))
                .containsAllEntriesOf(Map.of("JPM", "HOLD", "JNJ", "SELL", "XOM", "SELL", "KO", "SELL", "WMT", "SELL"));
        assertThat(recommendations.get("JPM").get("score").asDouble()).isBetween(0.42, 0.55);
        assertThat(recommendations.get("JNJ").get("score").asDouble()).isLessThan(0.2);
        assertThat(recommendations.get("XOM").get("score").asDouble()).isGreaterThan(0.7);
        assertThat(recommendations.get("XOM").get("reasons").asString())
                .startsWith("veto: Altman Z 1.10 in the distress zone")
                .endsWith("; data: offline provider (synthetic prices and statements)");
        assertThat(recommendations.get("KO").get("reasons").asString())
                .isEqualTo("initial filter: liquidity: ADV$ 20d = 1.2e6 < 5e6; filter score 0.20;"
                        + " data: offline provider (synthetic prices and statements)");
        assertThat(recommendations.get("KO").get("score").asDouble())
                .as("a rejected ticker has its filter score")
                .isEqualTo(0.2);
        assertThat(recommendations.get("WMT").get("score").isNull()).isTrue();
        assertThat(recommendations.get("AAPL").get("reasons").asString()).doesNotContain("offline");
        // the composite's parts, which the portfolio page charts: they add up to the score
        JsonNode parts = recommendations.get("JPM").get("score_parts");
        assertThat(parts.findValuesAsString("name")).containsExactly("quality", "value", "momentum", "risk");
        double sum = 0;
        for (JsonNode part : parts) {
            sum += part.get("score").asDouble() * part.get("weight").asDouble();
        }
        assertThat(sum).isCloseTo(recommendations.get("JPM").get("score").asDouble(), within(1e-3));
        assertThat(recommendations.get("KO").get("score_parts")).isEmpty();
        // the days of the closes read, which the portfolio page charts: a rejected ticker gets the session's
        JsonNode window = recommendations.get("AAPL").get("prices");
        assertThat(window.get("to").asString()).isEqualTo(LAST_BAR.toString());
        assertThat(LocalDate.parse(window.get("from").asString()))
                .isEqualTo(weekdays().get(weekdays().size() - 253));
        assertThat(recommendations.get("KO").get("prices")).isEqualTo(window);
        assertThat(recommendations.get("WMT").get("prices")).isEqualTo(window);
        assertThat(recommendations.get("WMT").get("reasons").asString())
                .isEqualTo("no initial filter result for this session");

        // AAPL's 1/σ² share (0.34) is over the cap: it is held at 0.30, the others share 0.70 in proportion to 1/σ²
        double others = BUY_SIGMAS.entrySet().stream()
                .filter(e -> !e.getKey().equals("AAPL"))
                .mapToDouble(e -> 1 / (e.getValue() * e.getValue()))
                .sum();
        assertThat(recommendations.get("AAPL").get("weight").asDouble()).isCloseTo(0.30, within(1e-5));
        for (String ticker : List.of("MSFT", "NVDA", "AMZN", "GOOGL")) {
            double sigma = BUY_SIGMAS.get(ticker);
            assertThat(recommendations.get(ticker).get("weight").asDouble())
                    .as(ticker)
                    .isCloseTo(0.70 / (sigma * sigma) / others, within(1e-5));
        }
        for (String ticker : List.of("JPM", "JNJ", "XOM", "KO", "WMT")) {
            assertThat(recommendations.get(ticker).get("weight").asDouble())
                    .as(ticker)
                    .isZero();
        }
        assertThat(recommendations.values().stream()
                        .mapToDouble(r -> r.get("weight").asDouble())
                        .sum())
                .isCloseTo(1, within(1e-5));

        List<Map<String, Object>> rows = rows("run-portfolio");
        assertThat(rows).hasSize(10).allSatisfy(row -> {
            assertThat(row.get("user_id")).isEqualTo("user_zero");
            assertThat((String) row.get("inputs_digest")).hasSize(64);
        });
        JsonNode aapl = JsonMapper.shared().readTree((String) rows.getFirst().get("reasons_json"));
        assertThat(aapl.get("decision").asString()).isEqualTo("BUY");
        assertThat(aapl.get("weighting").get("method").asString()).isEqualTo("min_variance");
        assertThat(aapl.get("weighting").get("observations").asInt()).isEqualTo(64);
        assertThat(aapl.get("weighting").get("shrinkage").asDouble())
                .as("the sample is its own target")
                .isZero();
        assertThat(aapl.get("sub_scores").get("quality").get("score").asDouble())
                .isEqualTo(1.0);
        assertThat(aapl.get("synthetic_data").asBoolean()).isFalse();
        JsonNode ko = JsonMapper.shared().readTree((String) rows.get(5).get("reasons_json"));
        assertThat(ko.get("synthetic_data").asBoolean()).isTrue();
        assertThat(ko.get("rule").asString())
                .isEqualTo("initial filter: liquidity: ADV$ 20d = 1.2e6 < 5e6; filter score 0.20");
        assertThat(ko.get("reasons").values())
                .extracting(JsonNode::asString)
                .contains("data: offline provider (synthetic prices and statements)");

        JsonNode result = runs.events().businessResult(QueueName.FINAL_SEL_TASKS, ending.taskId());
        assertThat(result.get("written").asBoolean()).isTrue();
        assertThat(result.get("weighting_reason").asString()).contains("minimum variance");

        // the same inputs again: nothing is written, the stored result is the answer
        TaskEvent rerun = select("user_zero", "run-portfolio", PORTFOLIO);

        assertThat(rerun.eventType()).isEqualTo(EventType.TASK_NO_DATA);
        assertThat(rerun.details().get("recommendations")).isEqualTo(details.get("recommendations"));
        assertThat(rerun.details().get("buy").asInt()).isEqualTo(5);
        assertThat(rerun.details().get("weighting").asString()).isEqualTo("min_variance");
        assertThat(rows("run-portfolio")).isEqualTo(rows);
    }

    @Test
    void aPreviousDecisionHoldsWithinTheHysteresisBand() {
        String user = "hysteresis-user";
        List<String> tickers = List.of("HYBUY", "HYSELL", "HYHOLD");
        // No prices: momentum and risk are neutral (0.5), so the composite is 0.225 + 0.30 quality + 0.25 value.
        // Session 1: 0.775 BUY, 0.25 SELL, 0.50 HOLD.
        session(
                user,
                "run-h1",
                LAST_BAR.minusDays(2),
                Map.of(
                        "HYBUY", new double[] {8, 0.25, 10},
                        "HYSELL", new double[] {3, 0.0, 100},
                        "HYHOLD", new double[] {5, 0.125, 1 / 0.06}));
        assertThat(decisions(select(user, "run-h1", tickers)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("HYBUY", "BUY", "HYSELL", "SELL", "HYHOLD", "HOLD"));

        // Session 2: HYBUY and HYHOLD 0.57 (inside buy - band), HYSELL 0.43 (inside sell + band)
        session(
                user,
                "run-h2",
                LAST_BAR.minusDays(1),
                Map.of(
                        "HYBUY", new double[] {6, 0.15, 1 / 0.0696},
                        "HYSELL", new double[] {5, 0.125, 1 / 0.0376},
                        "HYHOLD", new double[] {6, 0.15, 1 / 0.0696}));
        TaskEvent second = select(user, "run-h2", tickers);
        Map<String, JsonNode> held = byTicker(second);
        assertThat(held.get("HYBUY").get("score").asDouble()).isCloseTo(0.57, within(0.005));
        assertThat(held.get("HYSELL").get("score").asDouble()).isCloseTo(0.43, within(0.005));
        assertThat(decisions(second))
                .as("a Buy and a Sell held by the band; the same score without a previous Buy is a Hold")
                .containsExactlyInAnyOrderEntriesOf(Map.of("HYBUY", "BUY", "HYSELL", "SELL", "HYHOLD", "HOLD"));
        assertThat(held.get("HYBUY").get("reasons").asString()).startsWith("held BUY: score 0.57 >= 0.55");
        assertThat(held.get("HYSELL").get("reasons").asString()).startsWith("held SELL: score 0.43 <= 0.45");
        // the only Buy, under a cap of 0.30
        assertThat(held.get("HYBUY").get("weight").asDouble()).isEqualTo(0.30);
        assertThat(second.details().get("weighting").asString()).isEqualTo("inverse_volatility");

        // Session 3: out of the band both ways, 0.52 and 0.47
        session(
                user,
                "run-h3",
                LAST_BAR,
                Map.of(
                        "HYBUY", new double[] {5, 0.125, 1 / 0.0616},
                        "HYSELL", new double[] {5, 0.125, 1 / 0.0536},
                        "HYHOLD", new double[] {5, 0.125, 1 / 0.06}));
        assertThat(decisions(select(user, "run-h3", tickers)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("HYBUY", "HOLD", "HYSELL", "HOLD", "HYHOLD", "HOLD"));
        JsonNode previous = JsonMapper.shared()
                .readTree((String) rows("run-h3").getFirst().get("reasons_json"))
                .get("previous");
        assertThat(previous.get("session_id").asString()).isEqualTo("run-h2");
    }

    @Test
    void exposesTheProbesAndTheSelectionMeters() throws Exception {
        assertThat(select("probe-user", "run-probe", List.of("PROBE")).eventType())
                .isEqualTo(EventType.TASK_SUCCEEDED);

        HttpResponse<String> readiness = get(port, "/readyz");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        assertThat(get(port, "/livez").statusCode()).isEqualTo(200);
        assertThat(get(port, "/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(get(managementPort, "/actuator/prometheus").body())
                .contains(
                        "split_selection_sessions_seconds_count{result=\"written\"",
                        "split_selection_decisions_total{decision=\"SELL\"",
                        "split_selection_weighting_seconds_count{method=\"none\"",
                        "split_selection_buy_set_count");
    }

    HttpResponse<String> get(int server, String path) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A session's filter rows and a newer fundamentals row per ticker: {Piotroski F, ROE, trailing P/E}. */
    void session(String user, String session, LocalDate asOf, Map<String, double[]> inputs) {
        inputs.forEach((ticker, values) -> {
            data.fundamentals(ticker, asOf, values[2], values[1], 0.1);
            data.filterResult(
                    user,
                    session,
                    ticker,
                    true,
                    0.6,
                    FilterReasons.passing().piotroski((int) values[0], 9).json());
        });
    }

    static Map<String, String> decisions(TaskEvent ending) {
        assertThat(ending.eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        Map<String, String> decisions = new HashMap<>();
        byTicker(ending)
                .forEach((ticker, r) -> decisions.put(ticker, r.get("decision").asString()));
        return decisions;
    }
}
