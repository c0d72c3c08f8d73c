package com.split.portfolio.refresh;

import com.split.portfolio.refresh.EventSrvLinks.TaskRef;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A run with each of its steps, as the orchestrator last reported them.
 *
 * @param userId the portfolio's owner, whom the run's tasks are for
 * @param requestedBy who asked for the run
 * @param tickers the portfolio's tickers when it started
 * @param durationMs from start to end; null while it runs
 * @param refreshTask the {@code refresh} task handed to the orchestrator
 * @param dropped the tickers the run left out, once it ended
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RunView(
        String sessionId,
        long portfolioId,
        String userId,
        String requestedBy,
        RunStatus status,
        @Nullable String reason,
        List<String> tickers,
        Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Long durationMs,
        TaskRef refreshTask,
        List<StepView> steps,
        List<Dropped> dropped,
        RunLinks links) {

    /**
     * One step of the run.
     *
     * @param state {@code running}, {@code done} or {@code failed}
     * @param tasks the bus tasks of the step, each with its links into event-srv
     * @param sequence the sequence of the {@code run_progress} shown
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StepView(
            String step,
            String state,
            int tickersTotal,
            int tickersDone,
            int tickersFailed,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            @Nullable Long durationMs,
            List<Dropped> dropped,
            List<TaskRef> tasks,
            long sequence,
            Instant updatedAt) {}
}
