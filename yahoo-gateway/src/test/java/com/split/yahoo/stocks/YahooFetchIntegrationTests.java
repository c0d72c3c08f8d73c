package com.split.yahoo.stocks;

import static com.split.yahoo.market.YahooStub.json;
import static com.split.yahoo.market.YahooStub.tooManyRequests;
import static org.assertj.core.api.Assertions.assertThat;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskType;
import com.split.tasks.autoconfigure.TaskBusProperties;
import com.split.tasks.bus.TaskRuns;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.tasks.test.TaskEnvelopes;
import com.split.yahoo.market.YahooStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code fetch_prices} tasks run by the service's own worker with the Yahoo provider, pointed at {@link YahooStub}, into
 * a throwaway split_stocks on real Redis and MariaDB/MySQL. The 429 backoff starts at 100 ms so that retries happen
 * within a test's patience.
 */
@SplitIntegrationTest(
        properties = {
            "split.market-data.provider=yahoo",
            "split.market-data.yahoo.request-interval=20ms",
            "split.market-data.yahoo.rate-limit-backoff=100ms",
            "split.market-data.yahoo.max-backoff=2s",
            "split.market-data.yahoo.breaker-threshold=5"
        })
@Import(TaskRuns.class)
class YahooFetchIntegrationTests {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final YahooStub yahoo = startStub();

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {

        @Bean
        @Primary
        FetchIntegrationTests.SettableClock settableClock() {
            return new FetchIntegrationTests.SettableClock();
        }
    }

    @DynamicPropertySource
    static void yahooUrls(DynamicPropertyRegistry registry) {
        registry.add("split.market-data.yahoo.query-url", () -> yahoo.uri().toString());
        registry.add("split.market-data.yahoo.cookie-url", () -> yahoo.uri() + YahooStub.COOKIE_PATH);
        registry.add("split.market-data.yahoo.crumb-url", () -> yahoo.uri() + YahooStub.CRUMB_PATH);
    }

    @AfterAll
    static void stopStub() {
        yahoo.close();
    }

    @Autowired
    TaskRuns runs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FetchIntegrationTests.SettableClock clock;

    @BeforeEach
    void setUp() {
        clock.set(FetchIntegrationTests.AFTER_CLOSE);
    }

    @Test
    void threeRateLimitsAreRetriedThroughTheDelayedQueueWithAGrowingBackoffThenTheBarsAreStored() {
        yahoo.on(
                "/v8/finance/chart/MSFT",
                tooManyRequests(),
                tooManyRequests(),
                tooManyRequests(),
                json(200, "chart-aapl.json"));

        TaskEvent ending = run("MSFT");

        assertThat(ending.eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        assertThat(ending.attempt()).isEqualTo(3);
        List<TaskEvent> retries = eventsOf(ending.taskId()).stream()
                .filter(event -> event.eventType() == EventType.TASK_RETRIED)
                .toList();
        assertThat(retries)
                .extracting(event -> event.details().get("retry_in_ms").asLong())
                .containsExactly(100L, 200L, 400L);
        assertThat(retries)
                .allSatisfy(event -> assertThat(event.error().message()).contains("yahoo rate limit"));
        assertThat(jdbc.sql("SELECT date, close, adj_close FROM stock_prices WHERE ticker = 'MSFT' ORDER BY date")
                        .query((row, n) ->
                                List.of(row.getObject(1, LocalDate.class), row.getDouble(2), row.getDouble(3)))
                        .list())
                .containsExactly(
                        List.of(LocalDate.of(2026, 11, 20), 229.60, 114.66),
                        List.of(LocalDate.of(2026, 11, 23), 230.55, 115.28),
                        List.of(LocalDate.of(2026, 11, 24), 116.10, 116.10));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dividends WHERE ticker = 'MSFT'")
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM splits WHERE ticker = 'MSFT'")
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void theWorkersHoldNoMoreTasksThanTheGateLetsRequestsBeInFlight(@Autowired TaskBusProperties bus) {
        assertThat(bus.worker().maxRunning()).containsEntry("yahoo_tasks", 1);
    }

    @Test
    void aPartialLastBarIsReplacedByTheNextRunAfterTheClose() {
        yahoo.on("/v8/finance/chart/ORCL", json(200, "chart-aapl-during-session.json"));
        clock.set(FetchIntegrationTests.DURING_SESSION);
        assertThat(run("ORCL").eventType()).isEqualTo(EventType.TASK_SUCCEEDED);
        assertThat(close("ORCL", TODAY)).isEqualTo(117.00);

        yahoo.on("/v8/finance/chart/ORCL", json(200, "chart-aapl-after-close.json"));
        clock.set(FetchIntegrationTests.AFTER_CLOSE);
        assertThat(run("ORCL").eventType()).isEqualTo(EventType.TASK_SUCCEEDED);

        assertThat(close("ORCL", TODAY)).isEqualTo(118.20);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM stock_prices WHERE ticker = 'ORCL'")
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
    }

    @Test
    void anUnknownSymbolFailsTheTaskWithoutARetry() {
        yahoo.on("/v8/finance/chart/ZZZZ", json(404, "chart-unknown.json"));

        TaskEvent ending = run("ZZZZ");

        assertThat(ending.eventType()).isEqualTo(EventType.TASK_FAILED);
        assertThat(eventsOf(ending.taskId())).noneMatch(event -> event.eventType() == EventType.TASK_RETRIED);
    }

    double close(String ticker, LocalDate date) {
        return jdbc.sql("SELECT close FROM stock_prices WHERE ticker = ? AND date = ?")
                .param(ticker)
                .param(date)
                .query(Double.class)
                .single();
    }

    TaskEvent run(String ticker) {
        return runs.run(TaskEnvelopes.of(TaskType.FETCH_PRICES).tickers(ticker).build(), PATIENCE);
    }

    List<TaskEvent> eventsOf(UUID taskId) {
        return runs.events().events(QueueName.YAHOO_TASKS, taskId);
    }

    private static YahooStub startStub() {
        try {
            return new YahooStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
