package com.split.yahoo.stocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import com.split.tasks.TaskType;
import com.split.tasks.bus.worker.TaskContext;
import com.split.tasks.bus.worker.TaskOutcome;
import com.split.tasks.test.TaskEnvelopes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TickerTaskHandlerTests {

    final List<String> fetched = new ArrayList<>();
    final List<Map<String, ?>> businessResults = new ArrayList<>();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** Knows lower-case symbols as unknown, symbols starting with C as current, and writes 10 rows for the rest. */
    final TickerFetcher fetcher = (symbol, now) -> {
        fetched.add(symbol);
        if (!symbol.equals(symbol.toUpperCase())) {
            return TickerReport.unknown(symbol, "not a valid symbol");
        }
        return symbol.startsWith("C")
                ? TickerReport.skipped(symbol, "current")
                : TickerReport.written(symbol, 10, "window");
    };

    final TickerTaskHandler handler =
            new TickerTaskHandler(TaskType.FETCH_PRICES, fetcher, Clock.systemUTC(), new FetchMetrics(registry));

    final TaskContext context = new TaskContext() {
        @Override
        public String workerId() {
            return "worker-1";
        }

        @Override
        public Instant deadline() {
            return Instant.MAX;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void progress(Map<String, ?> details) {}

        @Override
        public void businessResult(Map<String, ?> details) {
            businessResults.add(details);
        }
    };

    TaskOutcome handle(String... tickers) {
        return handler.handle(TaskEnvelopes.fetchPrices().tickers(tickers).build(), context);
    }

    @Test
    void succeedsWhenAnythingWasWrittenAndReportsEveryTicker() {
        TaskOutcome outcome = handle("AAPL", "CSCO", "bad");

        assertThat(outcome).isInstanceOf(TaskOutcome.Success.class);
        Map<String, Object> details = Map.copyOf(((TaskOutcome.Success) outcome).details());
        assertThat(details)
                .containsEntry("written", 1)
                .containsEntry("skipped", 1)
                .containsEntry("unknown_symbol", 1)
                .containsEntry("rows_written", 10);
        assertThat(details.get("tickers")).asInstanceOf(MAP).containsOnlyKeys("AAPL", "CSCO", "bad");
        assertThat(businessResults).singleElement().isEqualTo(details);
        assertThat(registry.get("split.yahoo.tickers.fetched")
                        .tag("result", "unknown_symbol")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("split.yahoo.rows.written").counter().count()).isEqualTo(10);
    }

    @Test
    void endsWithNoDataWhenEveryTickerWasCurrentOrUnknown() {
        assertThat(handle("CSCO", "bad"))
                .isInstanceOfSatisfying(
                        TaskOutcome.NoData.class,
                        noData -> assertThat(Map.<String, Object>copyOf(noData.details()))
                                .containsEntry("unknown_symbol", 1)
                                .extractingByKey("tickers")
                                .asInstanceOf(MAP)
                                .containsOnlyKeys("CSCO", "bad"));
        assertThat(handle()).isInstanceOf(TaskOutcome.NoData.class);
    }

    @Test
    void failsWhenEveryTickerIsUnknown() {
        assertThat(handle("bad", "worse")).isEqualTo(TaskOutcome.failed("unknown symbols: bad, worse"));
    }

    @Test
    void fetchesATickerListedTwiceOnce() {
        handle("AAPL", "MSFT", "AAPL");

        assertThat(fetched).containsExactly("AAPL", "MSFT");
    }
}
