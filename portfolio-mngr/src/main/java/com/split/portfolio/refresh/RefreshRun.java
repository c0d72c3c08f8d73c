package com.split.portfolio.refresh;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One refresh of a portfolio, as {@code runs} holds it.
 *
 * @param sessionId {@code run-<uuidv7>}, the session of every task of the run
 * @param userId the portfolio's owner, whom the run's tasks are for
 * @param requestedBy who asked for it
 * @param refreshTaskId the {@code refresh} task published to the orchestrator
 * @param tickers the portfolio's tickers when it started
 * @param dropped the tickers the run left out, as its {@code run_completed} lists them
 * @param finishedAt when it ended, by the orchestrator's clock when it says so
 */
record RefreshRun(
        String sessionId,
        long portfolioId,
        String userId,
        String requestedBy,
        UUID refreshTaskId,
        List<String> tickers,
        RunStatus status,
        @Nullable String reason,
        List<Dropped> dropped,
        Instant startedAt,
        @Nullable Instant finishedAt) {

    @Nullable
    Long durationMs() {
        return finishedAt == null
                ? null
                : Duration.between(startedAt, finishedAt).toMillis();
    }
}
