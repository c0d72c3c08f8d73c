package com.split.events.task;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** One task of a page: its state without the envelope. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record TaskSummary(
        String taskId,
        @Nullable String taskType,
        @Nullable String queue,
        @Nullable String userId,
        @Nullable String sessionId,
        @Nullable String status,
        int attempts,
        @Nullable String lastError,
        Instant createdAt,
        Instant updatedAt) {}
