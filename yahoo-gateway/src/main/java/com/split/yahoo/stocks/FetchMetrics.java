package com.split.yahoo.stocks;

import com.split.tasks.TaskType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code split.yahoo.tickers.fetched{task.type,result}}: tickers handled, by what became of them;
 * {@code split.yahoo.rows.written{task.type}}: rows stored.
 */
@Component
class FetchMetrics {

    private final MeterRegistry registry;

    FetchMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(TaskType type, TickerReport report) {
        Counter.builder("split.yahoo.tickers.fetched")
                .description("Tickers a task handled, by what became of them")
                .tag("task.type", type.name())
                .tag("result", report.result().wireName())
                .register(registry)
                .increment();
        Counter.builder("split.yahoo.rows.written")
                .description("Rows stored in split_stocks")
                .tag("task.type", type.name())
                .register(registry)
                .increment(report.rows());
    }
}
