package com.split.portfolio.daily;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A portfolio's daily refresh as it stands.
 *
 * @param enabled whether it runs
 * @param byDefault whether that is the default, nobody having set it
 * @param at the local time it runs at, {@code HH:mm}
 * @param zone the time zone of {@code at}
 * @param days the days it runs on, as cron writes them
 * @param nextRun when it runs next, null while it is off
 * @param schedule the bus schedule that runs it; its runs are in event-srv's journal under {@code schedule.<name>}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record DailyRefreshView(
        long portfolioId,
        boolean enabled,
        boolean byDefault,
        String at,
        String zone,
        String days,
        @Nullable Instant nextRun,
        String schedule) {}
