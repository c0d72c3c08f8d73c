package com.split.initfilter.filtration;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.initfilter.screening.Fixtures;
import com.split.initfilter.screening.Line;
import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskType;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.TaskRuns;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.tasks.test.TaskEnvelopes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code initial_filter} tasks published with the real {@link TaskPublisher} and run by the service's own worker, on
 * real Redis and MariaDB/MySQL, against split_stocks tables built by yahoo-gateway's migration in the test's schema and
 * seeded with known data. The statements are those of {@link Fixtures}: a company whose every F-score signal improves,
 * with Z = 0.36 + 0.42 + 0.495 + 0.6 · 1000 / 400 + 1.0 = 3.775 at a market value of 1000.
 */
@SplitIntegrationTest
@Import({SplitStocksSchema.class, InitialFilterIntegrationTests.AfterTheClose.class, TaskRuns.class})
class InitialFilterIntegrationTests {

    /** A clock that runs from the evening of the seeded data's last session, so the data is current. */
    @TestConfiguration(proxyBeanMethods = false)
    static class AfterTheClose {

        @Bean
        @Primary
        Clock afterTheClose() {
            return Clock.offset(
                    Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse("2026-11-25T22:00:00Z")));
        }
    }

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final List<String> SESSION =
            List.of("GOOD", "PENNY", "THIN", "LEVER", "BANK", "LOSS", "NEWCO", "NOFUND", "SPLIT", "GHOST");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TaskRuns runs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry registry;

    @BeforeEach
    void setUp() {
        if (jdbc.sql("SELECT COUNT(*) FROM stock_prices").query(Long.class).single() == 0) {
            seed(new StocksFixture(jdbc));
        }
    }

    /** Ten tickers, one per case the gates know, and a spare one a test revises. */
    static void seed(StocksFixture stocks) {
        for (String ticker : List.of("GOOD", "LEVER", "BANK", "LOSS", "SPLIT", "REVISE")) {
            // The newest 20 of 30 bars count: the 10 older ones would halve the dollar volume.
            stocks.bars(ticker, TODAY, 20, 100, 10_000_000);
            stocks.bars(ticker, TODAY.minusWeeks(4).minusDays(1), 10, 100, 1);
            stocks.year(ticker, Fixtures.PREVIOUS_END, Fixtures.previousLines());
            if (!ticker.equals("SPLIT")) {
                stocks.year(ticker, Fixtures.LATEST_END, Fixtures.latestLines());
            }
        }
        // An older fiscal year and fundamentals row, and a line the screen does not read: none of them counts.
        stocks.line("GOOD", Fixtures.PREVIOUS_END.minusYears(1), "NetIncome", -1e9);
        stocks.line("GOOD", Fixtures.LATEST_END, "TotalDebt", 250);
        stocks.statistics("GOOD", TODAY.minusDays(1), "Industrials", 1000.0, -0.5, -0.5, 9.0, -1.0, 1e6);
        for (String ticker : List.of("GOOD", "REVISE")) {
            stocks.statistics(ticker, TODAY, "Industrials", 1000.0, 0.15, 0.075, 0.75, 150.0, 1e7);
        }
        stocks.statistics("LEVER", TODAY, "Industrials", 1000.0, 0.15, 0.075, 3.4, 150.0, 1e7);
        stocks.statistics("BANK", TODAY, "Financial Services", 1000.0, 0.15, 0.075, 8.5, 150.0, 1e7);
        stocks.statistics("LOSS", TODAY, "Industrials", 1000.0, -0.05, 0.01, 0.75, 150.0, 1e7);

        stocks.bars("PENNY", TODAY, 20, 3.2, 10_000_000);
        stocks.statistics("PENNY", TODAY, "Industrials", 1000.0, 0.15, 0.075, 0.75, 150.0, 1e7);
        stocks.bars("THIN", TODAY, 20, 12, 100_000);
        stocks.statistics("THIN", TODAY, "Industrials", 1000.0, 0.15, 0.075, 0.75, 150.0, 1e5);
        // A new listing: 5 bars, so its three-month average volume stands in: 2e6 × 20 = 4e7.
        stocks.bars("NEWCO", TODAY, 5, 20, 1_000_000);
        stocks.statistics("NEWCO", TODAY, "Industrials", 1000.0, 0.15, 0.075, 0.75, 150.0, 2e6);
        stocks.bars("NOFUND", TODAY, 20, 50, 1_000_000);
        // Halted for two months after 30 sessions, then 3 new ones: its newest 20 bars reach far back.
        stocks.bars("HALTED", TODAY, 3, 40, 1_000);
        stocks.bars("HALTED", TODAY.minusMonths(2), 30, 10, 1_000_000);

        // A 2-for-1 split in the later fiscal year doubles the shares without issuing any.
        Map<Line, Double> afterSplit = Fixtures.latestLines();
        afterSplit.put(Line.ORDINARY_SHARES_NUMBER, 200.0);
        stocks.year("SPLIT", Fixtures.LATEST_END, afterSplit);
        stocks.split("SPLIT", LocalDate.of(2025, 6, 2), 2, 1);
        stocks.split("SPLIT", LocalDate.of(2020, 6, 1), 3, 1);
        stocks.statistics("SPLIT", TODAY, "Industrials", 1000.0, 0.15, 0.075, 0.75, 150.0, 1e7);
    }

    TaskEvent run(String sessionId, List<String> tickers) {
        return runs.run(
                TaskEnvelopes.of(TaskType.INITIAL_FILTER)
                        .userId("user_zero")
                        .sessionId(sessionId)
                        .tickers(tickers)
                        .build(),
                PATIENCE);
    }

    JsonNode businessResult(TaskEvent ending) {
        return runs.events().businessResult(QueueName.INIT_FILTER_TASKS, ending.taskId());
    }

    /** Every stored value of the session's rows, updated_at included: equal sums mean no row changed. */
    List<Map<String, Object>> checksum(String sessionId, String... tickers) {
        return jdbc.sql("""
                        SELECT COUNT(*) AS n, SUM(CRC32(CONCAT_WS('|', result_id, user_id, session_id, ticker,
                               normalized_score, COALESCE(passed, 'null'), reasons_json, inputs_digest, created_at,
                               updated_at))) AS crc
                        FROM initial_filtration WHERE session_id = :session
                        AND (:all OR ticker IN (:tickers))""")
                .param("session", sessionId)
                .param("all", tickers.length == 0)
                .param("tickers", tickers.length == 0 ? List.of("") : List.of(tickers))
                .query()
                .listOfRows();
    }

    Map<String, Object> row(String sessionId, String ticker) {
        return jdbc.sql("SELECT * FROM initial_filtration WHERE session_id = ? AND ticker = ?")
                .params(sessionId, ticker)
                .query()
                .singleRow();
    }

    JsonNode reasons(String sessionId, String ticker) {
        return JSON.readTree(jdbc.sql("SELECT reasons_json FROM initial_filtration WHERE session_id = ? AND ticker = ?")
                .params(sessionId, ticker)
                .query(String.class)
                .single());
    }

    double count(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    @Test
    void aSessionOfTenTickersGetsTheExpectedVerdictsReasonsAndScores() {
        double passedBefore = count("split.filter.tickers", "verdict", "pass");
        double leverageFailedBefore = count("split.filter.gates", "gate", "leverage", "verdict", "fail");
        double writtenBefore = count("split.filter.rows.written");

        TaskEvent ending = run("run-ten", SESSION);

        assertThat(ending.eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        JsonNode details = ending.details();
        assertThat(details.get("tickers").asInt()).isEqualTo(10);
        assertThat(details.get("passed").asInt()).isEqualTo(5);
        assertThat(details.get("failed").asInt()).isEqualTo(4);
        assertThat(details.get("unknown").asInt()).isEqualTo(1);
        JsonNode results = details.get("results");
        assertThat(results.propertyNames()).containsExactlyElementsOf(SESSION);
        Map<String, Boolean> passed = Map.of(
                "GOOD", true, "BANK", true, "NEWCO", true, "NOFUND", true, "SPLIT", true, "PENNY", false, "THIN", false,
                "LEVER", false, "LOSS", false);
        passed.forEach((ticker, pass) -> {
            assertThat(results.get(ticker).get("passed").asBoolean()).as(ticker).isEqualTo(pass);
            assertThat(row("run-ten", ticker).get("passed")).as(ticker).isEqualTo(pass);
        });
        assertThat(firstReason(results, "PENNY")).isEqualTo("price: last close 3.2 < 5");
        assertThat(firstReason(results, "THIN")).isEqualTo("liquidity: ADV$ 20d = 1.2e6 < 5e6");
        assertThat(firstReason(results, "LEVER")).isEqualTo("leverage: D/E 3.4 > 2");
        assertThat(firstReason(results, "LOSS")).isEqualTo("profitability: ROE -0.05 ≤ 0, ROA 0.01 > 0, OCF 150 > 0");
        assertThat(firstReason(results, "BANK")).isEqualTo("leverage: exempt (Financial Services)");

        // ADV$ 1e9 → 1, D/E 0.75 → 0.75, ROE 0.15 → 0.5, ROA 0.075 → 0.5, F 9 → 1, Z 3.775 → 1: 4.75 / 6
        assertThat(results.get("GOOD").get("score").asDouble()).isEqualTo(0.7917);
        assertThat(row("run-ten", "GOOD").get("normalized_score")).hasToString("0.7917");
        assertThat(results.get("GOOD").get("reasons").values())
                .extracting(JsonNode::asString)
                .containsExactly("piotroski: F = 9 (9 of 9 signals known)", "altman: Z = 3.78, safe > 2.99");
        // THIN: log10(1.2e6) = 6.0792 → 0.0264, no statements so F and Z are neutral: (0.0264 + 0.75 + 4 × 0.5) / 6
        assertThat(results.get("THIN").get("score").asDouble()).isEqualTo(0.4627);

        JsonNode good = reasons("run-ten", "GOOD");
        assertThat(good.get("version").asInt()).isEqualTo(1);
        assertThat(good.get("passed").asBoolean()).isTrue();
        assertThat(good.get("gates").get("liquidity").get("value").asDouble()).isEqualTo(1e9);
        assertThat(good.get("gates").get("liquidity").get("days").asInt()).isEqualTo(20);
        assertThat(good.get("gates").get("liquidity").get("source").asString()).isEqualTo("bars");
        assertThat(good.get("gates").get("liquidity").get("reason").asString())
                .isEqualTo("liquidity: ADV$ 20d = 1e9 ≥ 5e6");
        assertThat(good.get("gates").get("leverage").get("verdict").asString()).isEqualTo("pass");
        assertThat(good.get("gates").get("profitability").get("roe").asDouble())
                .as("the newest fundamentals row")
                .isEqualTo(0.15);
        assertThat(good.get("piotroski").get("score").asInt()).isEqualTo(9);
        assertThat(good.get("piotroski").get("signals_known").asInt()).isEqualTo(9);
        assertThat(good.get("altman").get("model").asString()).isEqualTo("z");
        assertThat(good.get("altman").get("zone").asString()).isEqualTo("safe");
        assertThat(good.get("sub_scores").get("leverage").asDouble()).isEqualTo(0.75);
        assertThat(good.get("score_method").asString()).isEqualTo("reference_ranges");
        assertThat(good.get("inputs").get("fiscal_years").values())
                .extracting(JsonNode::asString)
                .containsExactly("2025-12-31", "2024-12-31");

        JsonNode newco = reasons("run-ten", "NEWCO").get("gates").get("liquidity");
        assertThat(newco.get("source").asString()).isEqualTo("average_volume");
        assertThat(newco.get("value").asDouble()).isEqualTo(4e7);
        assertThat(newco.get("days").isNull()).isTrue();

        JsonNode bank = reasons("run-ten", "BANK");
        assertThat(bank.get("gates").get("leverage").get("verdict").asString()).isEqualTo("exempt");
        assertThat(bank.get("altman").get("zone").asString()).isEqualTo("unknown");
        assertThat(bank.get("altman").get("reason").asString()).isEqualTo("altman: not applied to Financial Services");

        JsonNode nofund = reasons("run-ten", "NOFUND").get("gates");
        assertThat(nofund.get("leverage").get("verdict").asString()).isEqualTo("unknown");
        assertThat(nofund.get("profitability").get("verdict").asString()).isEqualTo("unknown");

        assertThat(reasons("run-ten", "SPLIT")
                        .get("piotroski")
                        .get("signals")
                        .get("no_new_shares")
                        .asBoolean())
                .as("200 shares after a 2-for-1 split of 100")
                .isTrue();

        JsonNode figures = businessResult(ending);
        assertThat(figures.get("written").asInt()).isEqualTo(10);
        assertThat(figures.get("unchanged").asInt()).isZero();
        assertThat(figures.get("score_method").asString()).isEqualTo("reference_ranges");
        assertThat(count("split.filter.tickers", "verdict", "pass") - passedBefore)
                .isEqualTo(5);
        assertThat(count("split.filter.gates", "gate", "leverage", "verdict", "fail") - leverageFailedBefore)
                .isEqualTo(1);
        assertThat(count("split.filter.rows.written") - writtenBefore).isEqualTo(10);
    }

    static String firstReason(JsonNode results, String ticker) {
        return results.get(ticker).get("reasons").get(0).asString();
    }

    @Test
    void aTickerWithNoDataIsUnknownNotFailed() {
        TaskEvent ending = run("run-ghost", List.of("GHOST", "GOOD", "bad symbol"));

        assertThat(ending.eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        JsonNode ghost = ending.details().get("results").get("GHOST");
        assertThat(ghost.get("passed").isNull()).isTrue();
        assertThat(ghost.get("score").asDouble()).isEqualTo(0.5);
        assertThat(ghost.get("reasons").get(0).asString()).isEqualTo("price: no bars stored");
        assertThat(ending.details().get("failed").asInt()).isZero();
        assertThat(ending.details().get("unknown").asInt())
                .as("GHOST and the invalid symbol")
                .isEqualTo(2);
        assertThat(ending.details()
                        .get("results")
                        .get("bad symbol")
                        .get("reasons")
                        .get(0)
                        .asString())
                .isEqualTo("not a valid symbol");

        Map<String, Object> row = row("run-ghost", "GHOST");
        assertThat(row.get("passed")).isNull();
        assertThat(row.get("normalized_score")).hasToString("0.5000");
        JsonNode stored = reasons("run-ghost", "GHOST");
        assertThat(stored.get("passed").isNull()).isTrue();
        assertThat(stored.get("gates").get("price_floor").get("verdict").asString())
                .isEqualTo("unknown");
        assertThat(stored.get("metrics").get("close").isNull()).isTrue();
        assertThat(checksum("run-ghost").getFirst().get("n"))
                .as("the invalid symbol is not stored")
                .isEqualTo(2L);
    }

    @Test
    void aRerunOnUnchangedInputsEndsNoDataAndChangesNoRow() {
        TaskEvent first = run("run-again", SESSION);
        assertThat(first.eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        List<Map<String, Object>> stored = checksum("run-again");

        TaskEvent again = run("run-again", SESSION);

        assertThat(again.eventType()).isEqualTo(EventType.TASK_NO_DATA);
        assertThat(checksum("run-again")).isEqualTo(stored);
        assertThat(again.details().get("reason").asString())
                .isEqualTo("inputs unchanged since the session's last result");
        for (String field : List.of("tickers", "passed", "failed", "unknown", "results")) {
            assertThat(again.details().get(field))
                    .as(field)
                    .isEqualTo(first.details().get(field));
        }
        assertThat(businessResult(again).get("written").asInt()).isZero();
        assertThat(businessResult(again).get("unchanged").asInt()).isEqualTo(10);
    }

    @Test
    void aRevisedBarRewritesOnlyItsTickersRow() {
        assertThat(run("run-revised", List.of("GOOD", "REVISE")).eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        List<Map<String, Object>> good = checksum("run-revised", "GOOD");
        Map<String, Object> before = row("run-revised", "REVISE");

        jdbc.sql("UPDATE stock_prices SET close = 50 WHERE ticker = 'REVISE' AND date = ?")
                .param(TODAY)
                .update();
        TaskEvent revised = run("run-revised", List.of("GOOD", "REVISE"));

        assertThat(revised.eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        assertThat(businessResult(revised).get("written").asInt()).isEqualTo(1);
        assertThat(checksum("run-revised", "GOOD")).isEqualTo(good);
        Map<String, Object> after = row("run-revised", "REVISE");
        assertThat(after.get("inputs_digest")).isNotEqualTo(before.get("inputs_digest"));
        assertThat(after.get("result_id")).isEqualTo(before.get("result_id"));
        assertThat(after.get("created_at")).isEqualTo(before.get("created_at"));
        assertThat((LocalDateTime) after.get("updated_at")).isAfter((LocalDateTime) before.get("updated_at"));
        assertThat(reasons("run-revised", "REVISE").get("metrics").get("close").asDouble())
                .isEqualTo(50.0);
    }

    @Test
    void theNewestBarsAreFoundHoweverLongAgoTheyWereTraded() {
        assertThat(run("run-halted", List.of("HALTED")).eventType()).isEqualTo(EventType.TASK_SUCCEEDED);

        JsonNode liquidity = reasons("run-halted", "HALTED").get("gates").get("liquidity");
        assertThat(liquidity.get("days").asInt()).isEqualTo(20);
        // (3 × 40 × 1,000 + 17 × 10 × 1,000,000) / 20
        assertThat(liquidity.get("value").asDouble()).isEqualTo(8_506_000.0);
        assertThat(reasons("run-halted", "HALTED").get("metrics").get("close").asDouble())
                .isEqualTo(40.0);
    }

    @Test
    void aTaskWithoutOneValidSymbolFails() {
        TaskEvent ending = run("run-invalid", List.of("bad symbol", "lower"));

        assertThat(ending.eventType()).isEqualTo(EventType.TASK_FAILED);
        assertThat(ending.error().message()).contains("no valid symbol");
    }
}
