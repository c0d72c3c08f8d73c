package com.split.events.schedule;

import com.split.tasks.bus.schedule.LastRun;
import com.split.tasks.bus.schedule.Schedule;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A schedule with its runs.
 *
 * @param nextRun when its next run is due, null for a cron that never comes due again
 * @param lastRun its latest run, null before the first
 * @param runs where the journal lists every task it published or skipped
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ScheduleView(
        Schedule schedule,
        @Nullable Instant nextRun,
        @Nullable LastRun lastRun,
        String runs) {}
