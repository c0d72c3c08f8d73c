package com.split.portfolio.refresh;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** One run of a portfolio's history; {@code links.self} has its steps. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RunSummary(
        String sessionId,
        RunStatus status,
        @Nullable String reason,
        String requestedBy,
        int tickerCount,
        int droppedCount,
        Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Long durationMs,
        RunLinks links) {}
