package com.split.yahoo.stocks;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskType;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.TaskRuns;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.tasks.test.TaskEnvelopes;
import com.split.yahoo.market.TradingDays;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

/**
 * Tasks published with the real {@link TaskPublisher} onto {@code yahoo_tasks}, run by the service's own worker with the
 * offline provider into a throwaway split_stocks on real Redis and MariaDB/MySQL. The clock is fixed: Wednesday
 * 2026-11-25, after the New York close unless a test moves it.
 */
@SplitIntegrationTest
@Import(TaskRuns.class)
class FetchIntegrationTests {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final Instant AFTER_CLOSE = Instant.parse("2026-11-25T22:00:00Z");
    static final Instant DURING_SESSION = Instant.parse("2026-11-25T18:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock();
        }
    }

    /** A clock a test sets, shared with the worker's threads. */
    static final class SettableClock extends Clock {

        private volatile Instant now = AFTER_CLOSE;

        void set(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Autowired
    TaskRuns runs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SettableClock clock;

    @BeforeEach
    void setUp() {
        clock.set(AFTER_CLOSE);
    }

    /** Publishes a task and waits for its ending event. */
    TaskEvent run(TaskType type, String... tickers) {
        return runs.run(TaskEnvelopes.of(type).tickers(tickers).build(), PATIENCE);
    }

    JsonNode businessResult(TaskEvent ending) {
        return runs.events().businessResult(QueueName.YAHOO_TASKS, ending.taskId());
    }

    /** Every stored value of these tickers' bars and actions, with updated_at: equal sums mean no row changed. */
    List<Object> fingerprint(List<String> tickers) {
        return List.of(
                jdbc.sql("""
                                SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', ticker, date, open, high, low, close,
                                       adj_close, volume, updated_at)))
                                FROM stock_prices WHERE ticker IN (:tickers)""").param("tickers", tickers).query().listOfRows(),
                jdbc.sql("""
                                SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', ticker, ex_date, amount, updated_at)))
                                FROM dividends WHERE ticker IN (:tickers)""").param("tickers", tickers).query().listOfRows(),
                jdbc.sql("SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', ticker, date, numerator, denominator, updated_at)))"
                                + " FROM splits WHERE ticker IN (:tickers)")
                        .param("tickers", tickers)
                        .query()
                        .listOfRows());
    }

    long bars(String ticker) {
        return jdbc.sql("SELECT COUNT(*) FROM stock_prices WHERE ticker = ?")
                .param(ticker)
                .query(Long.class)
                .single();
    }

    @Test
    void fetchPricesStoresEveryTradingDayOfTheHistoryAndARerunChangesNothing() {
        List<String> tickers = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "BRK-B", "JPM", "V", "KO");
        long tradingDays = TradingDays.count(TODAY.minusYears(2), TODAY);

        TaskEvent first = run(TaskType.FETCH_PRICES, tickers.toArray(String[]::new));

        assertThat(first.eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        assertThat(first.details().get("rows_written").asLong()).isEqualTo(10 * tradingDays);
        JsonNode result = businessResult(first);
        assertThat(result.get("written").asInt()).isEqualTo(10);
        for (String ticker : tickers) {
            assertThat(bars(ticker)).as(ticker).isEqualTo(tradingDays);
            assertThat(result.get("tickers").get(ticker).get("result").asString())
                    .isEqualTo("written");
            assertThat(result.get("tickers").get(ticker).get("rows").asLong()).isEqualTo(tradingDays);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tickers WHERE prices_through = :through AND symbol IN (:tickers)")
                        .param("through", TODAY)
                        .param("tickers", tickers)
                        .query(Long.class)
                        .single())
                .isEqualTo(10);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dividends WHERE ticker IN (:tickers)")
                        .param("tickers", tickers)
                        .query(Long.class)
                        .single())
                .isPositive();
        List<Object> stored = fingerprint(tickers);

        clock.set(AFTER_CLOSE.plusSeconds(3600));
        TaskEvent again = run(TaskType.FETCH_PRICES, tickers.toArray(String[]::new));

        assertThat(again.eventType()).isEqualTo(EventType.TASK_NO_DATA);
        assertThat(businessResult(again).get("skipped").asInt()).isEqualTo(10);
        assertThat(fingerprint(tickers)).isEqualTo(stored);
    }

    @Test
    void aBarStoredWhileTheSessionRunsIsReplacedAfterTheClose() {
        clock.set(DURING_SESSION);
        assertThat(run(TaskType.FETCH_PRICES, "ORCL").eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        assertThat(bars("ORCL")).isEqualTo(TradingDays.count(TODAY.minusYears(2), TODAY));
        double finalClose = jdbc.sql("SELECT close FROM stock_prices WHERE ticker = 'ORCL' AND date = ?")
                .param(TODAY)
                .query(Double.class)
                .single();
        // What a partial bar looks like: a price the session moved away from.
        jdbc.sql("UPDATE stock_prices SET close = close + 1 WHERE ticker = 'ORCL' AND date = ?")
                .param(TODAY)
                .update();

        assertThat(run(TaskType.FETCH_PRICES, "ORCL").eventType())
                .as("nothing new is final while the session runs")
                .isEqualTo(EventType.TASK_NO_DATA);

        List<Map<String, Object>> earlierBars = barsBefore("ORCL", TODAY);

        clock.set(AFTER_CLOSE);
        TaskEvent afterClose = run(TaskType.FETCH_PRICES, "ORCL");

        assertThat(afterClose.eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        assertThat(businessResult(afterClose)
                        .get("tickers")
                        .get("ORCL")
                        .get("rows")
                        .asLong())
                .as("from the overlap before the last final session")
                .isEqualTo(TradingDays.count(TODAY.minusDays(8), TODAY));
        assertThat(jdbc.sql("SELECT close FROM stock_prices WHERE ticker = 'ORCL' AND date = ?")
                        .param(TODAY)
                        .query(Double.class)
                        .single())
                .isEqualTo(finalClose);
        assertThat(bars("ORCL")).isEqualTo(TradingDays.count(TODAY.minusYears(2), TODAY));
        assertThat(barsBefore("ORCL", TODAY))
                .as("the overlap's bars were stored again with the same values: updated_at did not move")
                .isEqualTo(earlierBars);
    }

    List<Map<String, Object>> barsBefore(String ticker, LocalDate date) {
        return jdbc.sql("SELECT * FROM stock_prices WHERE ticker = ? AND date < ? ORDER BY date")
                .param(ticker)
                .param(date)
                .query()
                .listOfRows();
    }

    @Test
    void fetchFundamentalsStoresKeyStatisticsAndTwoFiscalYearsOfStatementLines() {
        TaskEvent first = run(TaskType.FETCH_FUNDAMENTALS, "XOM", "PFE");

        assertThat(first.eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        List<Map<String, Object>> rows = jdbc.sql(
                        "SELECT * FROM fundamentals WHERE ticker IN ('XOM', 'PFE') ORDER BY ticker")
                .query()
                .listOfRows();
        assertThat(rows).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("as_of")).isEqualTo(java.sql.Date.valueOf(TODAY));
            assertThat(row.get("provider")).isEqualTo("offline");
            assertThat(row)
                    .doesNotContainEntry("market_cap", null)
                    .doesNotContainEntry("return_on_equity", null)
                    .doesNotContainEntry("debt_to_equity", null)
                    .doesNotContainEntry("current_ratio", null)
                    .doesNotContainEntry("sector", null);
        });
        assertThat(jdbc.sql("""
                                SELECT ticker, COUNT(DISTINCT period_end), COUNT(*) FROM statement_lines
                                WHERE ticker IN ('XOM', 'PFE') GROUP BY ticker ORDER BY ticker""")
                        .query((row, index) -> row.getString(1) + " " + row.getInt(2) + " " + row.getInt(3))
                        .list())
                .containsExactly("PFE 2 32", "XOM 2 32");
        assertThat(businessResult(first).get("tickers").get("XOM").get("rows").asInt())
                .isEqualTo(33);

        assertThat(run(TaskType.FETCH_FUNDAMENTALS, "XOM", "PFE").eventType()).isEqualTo(EventType.TASK_NO_DATA);
    }

    @Test
    void anUnknownSymbolIsReportedWithoutFailingTheOthers() {
        TaskEvent prices = run(TaskType.FETCH_PRICES, "IBM", "bad symbol", "T");

        assertThat(prices.eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        JsonNode result = businessResult(prices);
        assertThat(result.get("tickers").get("bad symbol").get("result").asString())
                .isEqualTo("unknown_symbol");
        assertThat(result.get("unknown_symbol").asInt()).isEqualTo(1);
        assertThat(result.get("written").asInt()).isEqualTo(2);
        assertThat(bars("IBM")).isPositive();
        assertThat(bars("T")).isPositive();

        TaskEvent fundamentals = run(TaskType.FETCH_FUNDAMENTALS, "^GSPC", "IBM");
        assertThat(fundamentals.eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        assertThat(businessResult(fundamentals)
                        .get("tickers")
                        .get("^GSPC")
                        .get("result")
                        .asString())
                .isEqualTo("unknown_symbol");

        TaskEvent onlyUnknown = run(TaskType.FETCH_PRICES, "ibm", "");
        assertThat(onlyUnknown.eventType()).isEqualTo(EventType.TASK_FAILED);
        assertThat(onlyUnknown.error().message()).contains("unknown symbols");
    }
}
