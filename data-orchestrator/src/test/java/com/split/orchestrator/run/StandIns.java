package com.split.orchestrator.run;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;
import com.split.tasks.bus.worker.TaskContext;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the stand-in workers of the other modules do, scripted per session so that tests sharing a context never see
 * each other's runs: by default each succeeds at once with details shaped like the real worker's, and every task they
 * get (every attempt) is kept for the test to look at.
 */
final class StandIns {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Map<String, Map<String, TaskHandler.Body>> scripted = new ConcurrentHashMap<>();
    private final List<TaskEnvelope> received = new CopyOnWriteArrayList<>();

    /** From now on, tasks of {@code type} in this session run {@code body}. */
    void script(String sessionId, TaskType type, TaskHandler.Body body) {
        scripted.computeIfAbsent(sessionId, session -> new ConcurrentHashMap<>())
                .put(type.name(), body);
    }

    /** Holds the session's fetch tasks, prices and fundamentals, in one {@link Parking} until it is released. */
    Parking parkFetches(String sessionId) {
        Parking parking = new Parking();
        script(sessionId, TaskType.FETCH_PRICES, parking);
        script(sessionId, TaskType.FETCH_FUNDAMENTALS, parking);
        return parking;
    }

    TaskOutcome run(TaskType type, TaskEnvelope task, TaskContext context) throws Exception {
        received.add(task);
        TaskHandler.Body body =
                scripted.getOrDefault(task.sessionId(), Map.of()).get(type.name());
        return body != null ? body.handle(task, context) : standard(type, task);
    }

    /** Every attempt of every task of this type the stand-ins got in this session, in the order they got them. */
    List<TaskEnvelope> received(String sessionId, TaskType type) {
        return received.stream()
                .filter(task ->
                        task.sessionId().equals(sessionId) && task.taskType().equals(type.name()))
                .toList();
    }

    /** What the real worker would answer when all goes well. */
    static TaskOutcome standard(TaskType type, TaskEnvelope task) {
        if (type.equals(TaskType.FETCH_PRICES) || type.equals(TaskType.FETCH_FUNDAMENTALS)) {
            return fetched(task, Set.of());
        }
        if (type.equals(TaskType.INITIAL_FILTER)) {
            Map<String, Object> results = new LinkedHashMap<>();
            task.tickers()
                    .forEach(ticker -> results.put(ticker, Map.of("passed", true, "score", 0.7, "reasons", List.of())));
            return TaskOutcome.success(Map.of(
                    "tickers",
                    task.tickers().size(),
                    "passed",
                    task.tickers().size(),
                    "failed",
                    0,
                    "unknown",
                    0,
                    "results",
                    results));
        }
        if (type.equals(TaskType.FINAL_SELECTION)) {
            return TaskOutcome.success(Map.of(
                    "tickers",
                    task.tickers().size(),
                    "buy",
                    task.tickers().size(),
                    "hold",
                    0,
                    "sell",
                    0,
                    "weighting",
                    "inverse_volatility",
                    "recommendations",
                    recommendations(task.tickers())));
        }
        return TaskOutcome.success();
    }

    /** The stand-in's recommendations for these tickers: BUY each, equal weights. */
    static List<Map<String, Object>> recommendations(List<String> tickers) {
        List<Map<String, Object>> recommendations = new ArrayList<>();
        for (String ticker : tickers) {
            recommendations.add(Map.of(
                    "ticker",
                    ticker,
                    "decision",
                    "BUY",
                    "score",
                    0.64,
                    "weight",
                    1.0 / tickers.size(),
                    "reasons",
                    "stand-in selection of " + ticker));
        }
        return recommendations;
    }

    /** yahoo-gateway's details: each ticker written, except {@code unknown}, which are {@code unknown_symbol}. */
    static TaskOutcome fetched(TaskEnvelope task, Set<String> unknown) {
        Map<String, Object> tickers = new LinkedHashMap<>();
        for (String ticker : task.tickers()) {
            tickers.put(
                    ticker,
                    unknown.contains(ticker)
                            ? Map.of(
                                    "result",
                                    "unknown_symbol",
                                    "rows",
                                    0,
                                    "detail",
                                    "No data found, symbol may be delisted")
                            : Map.of("result", "written", "rows", 502, "detail", "stand-in"));
        }
        int known = (int) task.tickers().stream()
                .filter(ticker -> !unknown.contains(ticker))
                .count();
        return TaskOutcome.success(Map.of(
                "tickers",
                tickers,
                "written",
                known,
                "skipped",
                0,
                "unknown_symbol",
                task.tickers().size() - known,
                "rows_written",
                known * 502));
    }

    /**
     * A body that holds its task until {@link #release()}: the task stays running (or, past the worker's free slots,
     * queued). A cancel request interrupts the wait, so the task ends CANCELLED.
     */
    static final class Parking implements TaskHandler.Body {

        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicInteger parked = new AtomicInteger();

        @Override
        public TaskOutcome handle(TaskEnvelope task, TaskContext context) throws InterruptedException {
            parked.incrementAndGet();
            try {
                if (!released.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } finally {
                parked.decrementAndGet();
            }
            return standard(Step.taskType(task.taskType()), task);
        }

        int parked() {
            return parked.get();
        }

        void release() {
            released.countDown();
        }
    }
}
