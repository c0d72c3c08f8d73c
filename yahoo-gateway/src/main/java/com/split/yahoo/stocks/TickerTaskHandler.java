package com.split.yahoo.stocks;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;
import com.split.tasks.bus.worker.TaskContext;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task for each of its tickers in turn and reports each ticker's result in one {@code task_business_result}:
 * {@code {"tickers": {"AAPL": {"result": "written", "rows": 502, "detail": "…"}, …}, "written": 9, "skipped": 0,
 * "unknown_symbol": 1, "rows_written": 4518}}. An unknown symbol does not fail the others.
 *
 * <p>The task succeeds when it stored anything, ends {@code NO_DATA} when every ticker was current (or current and
 * unknown), and fails when every ticker was unknown: a retry would not change that. The success and no-data outcomes
 * carry the same details, so whoever waits for the task (a {@code reply_to} queue) learns which tickers are unknown.
 */
final class TickerTaskHandler implements TaskHandler {

    private static final Logger log = LoggerFactory.getLogger(TickerTaskHandler.class);

    private final TaskType type;
    private final TickerFetcher fetcher;
    private final Clock clock;
    private final FetchMetrics metrics;

    TickerTaskHandler(TaskType type, TickerFetcher fetcher, Clock clock, FetchMetrics metrics) {
        this.type = type;
        this.fetcher = fetcher;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public TaskType type() {
        return type;
    }

    @Override
    public TaskOutcome handle(TaskEnvelope task, TaskContext context) {
        Instant now = clock.instant();
        Map<String, Object> tickers = new LinkedHashMap<>();
        Map<TickerReport.Result, Integer> counts = new EnumMap<>(TickerReport.Result.class);
        int rows = 0;
        for (String symbol : new LinkedHashSet<>(task.tickers())) {
            context.throwIfCancelled();
            TickerReport report = fetcher.fetch(symbol, now);
            if (report.result() == TickerReport.Result.UNKNOWN_SYMBOL) {
                log.warn("{}: unknown symbol {}: {}", type, symbol, report.detail());
            }
            metrics.record(type, report);
            tickers.put(symbol, report.details());
            counts.merge(report.result(), 1, Integer::sum);
            rows += report.rows();
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        for (TickerReport.Result result : TickerReport.Result.values()) {
            summary.put(result.wireName(), counts.getOrDefault(result, 0));
        }
        summary.put("rows_written", rows);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tickers", tickers);
        details.putAll(summary);
        context.businessResult(details);

        int unknown = counts.getOrDefault(TickerReport.Result.UNKNOWN_SYMBOL, 0);
        if (rows > 0) {
            return TaskOutcome.success(details);
        }
        if (unknown > 0 && unknown == tickers.size()) {
            return TaskOutcome.failed("unknown symbols: " + String.join(", ", tickers.keySet()));
        }
        return TaskOutcome.noData("already current: " + List.copyOf(tickers.keySet()), details);
    }
}
