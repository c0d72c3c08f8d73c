package com.split.events.activity;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A session's tasks on a timeline, oldest first, from their journalled events.
 *
 * @param truncated true when the session has more tasks than the answer holds (the oldest are shown)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SessionGantt(String sessionId, List<GanttTask> tasks, boolean truncated) {

    /**
     * @param status the task's current status; null while only business results are journalled
     * @param segments its waits and runs, in order
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record GanttTask(
            String taskId,
            @Nullable String taskType,
            @Nullable String queue,
            @Nullable String status,
            int attempts,
            List<Segment> segments) {}

    /**
     * One stretch of a task's life.
     *
     * @param kind {@code waiting} (queued, until a worker started it) or {@code running} (from its start)
     * @param to when it ended; null while it lasts
     * @param outcome how it ended: the status that closed it ({@code SUCCESS}, {@code RETRY}, {@code FAILURE}, …);
     *     null while it lasts, and for a wait that ended with the task's start
     */
    record Segment(
            String kind,
            Instant from,
            @Nullable Instant to,
            @Nullable String outcome) {}
}
