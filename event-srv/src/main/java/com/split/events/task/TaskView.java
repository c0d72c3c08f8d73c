package com.split.events.task;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A task's current state as the journal knows it; {@code envelope} is the one {@code task_created} carried. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record TaskView(
        String taskId,
        @Nullable String taskType,
        @Nullable String queue,
        @Nullable String userId,
        @Nullable String sessionId,
        @Nullable String status,
        int attempts,
        @Nullable String lastError,
        Instant createdAt,
        Instant updatedAt,
        @Nullable JsonNode envelope) {}
