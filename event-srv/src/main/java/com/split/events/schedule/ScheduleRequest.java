package com.split.events.schedule;

import com.split.tasks.bus.schedule.MissedRuns;
import com.split.tasks.bus.schedule.ScheduledTask;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A schedule as {@code PUT /api/schedules/{name}} takes it: a cron expression (with its zone) or an interval, what to
 * do with missed runs, and the task.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ScheduleRequest(
        @Nullable String cron,
        @Nullable String zone,
        @Nullable String every,
        @Nullable MissedRuns missed,
        @Nullable ScheduledTask task) {}
