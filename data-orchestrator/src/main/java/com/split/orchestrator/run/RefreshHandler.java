package com.split.orchestrator.run;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskIds;
import com.split.tasks.TaskType;
import com.split.tasks.bus.worker.PermanentTaskFailure;
import com.split.tasks.bus.worker.TaskContext;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code refresh} (payload {@code {"portfolio_id"}}, the portfolio's tickers, the run's session and user): creates the
 * run once, with the fetch step's tasks, schedules its {@code run_deadline}, and publishes the fetch tasks. The same
 * refresh delivered again finishes what an earlier attempt began and publishes nothing twice; another refresh for a
 * session already known starts nothing.
 */
@Component
class RefreshHandler implements TaskHandler {

    private static final Logger log = LoggerFactory.getLogger(RefreshHandler.class);

    private final RunStore store;
    private final RunPlanner planner;
    private final RunDriver driver;
    private final OrchestratorProperties properties;
    private final Clock clock;
    private final RunMetrics metrics;

    RefreshHandler(
            RunStore store,
            RunPlanner planner,
            RunDriver driver,
            OrchestratorProperties properties,
            Clock clock,
            RunMetrics metrics) {
        this.store = store;
        this.planner = planner;
        this.driver = driver;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public TaskType type() {
        return TaskType.REFRESH;
    }

    @Override
    public TaskOutcome handle(TaskEnvelope task, TaskContext context) {
        JsonNode portfolioId = task.payload().get("portfolio_id");
        if (portfolioId == null || !portfolioId.isIntegralNumber() || !portfolioId.canConvertToLong()) {
            throw new PermanentTaskFailure("a refresh needs an integer payload.portfolio_id, got " + task.payload());
        }
        List<String> tickers = task.tickers().stream().distinct().toList();
        Instant now = clock.instant();
        @Nullable String failure = tickers.isEmpty() ? "the refresh has no tickers" : null;
        RunStore.NewRun run = new RunStore.NewRun(
                task.sessionId(),
                task.userId(),
                portfolioId.asLong(),
                task.taskId(),
                task.priority(),
                tickers,
                now,
                TaskIds.newId(),
                now.plus(properties.runTimeout()),
                planner.fetch(tickers),
                failure);
        Duration ttl = failure == null ? properties.runTimeout().plus(properties.retention()) : properties.retention();
        switch (store.create(run, ttl)) {
            case KNOWN -> {
                log.info("Run {} is already known: refresh {} starts nothing", task.sessionId(), task.taskId());
                return TaskOutcome.noData("run " + task.sessionId() + " is already known");
            }
            case CREATED -> {
                if (failure == null) {
                    log.info(
                            "Run {} started: {} tickers in {} fetch tasks, due by {}",
                            task.sessionId(),
                            tickers.size(),
                            run.children().size(),
                            run.deadlineAt());
                } else {
                    metrics.runEnded(RunStatus.FAILURE, Duration.ZERO);
                    log.warn("Run {} ended FAILURE at once: {}", task.sessionId(), failure);
                }
            }
            case RESUME ->
                log.info(
                        "Run {}: refresh {} finishes the start an earlier attempt began",
                        task.sessionId(),
                        task.taskId());
        }
        driver.drive(task.sessionId(), task.taskId(), context.workerId());
        return TaskOutcome.success(Map.of("session_id", task.sessionId(), "tickers", tickers.size()));
    }
}
