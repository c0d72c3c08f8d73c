package com.split.portfolio.refresh;

import com.split.portfolio.daily.DailyRefreshes;
import com.split.portfolio.portfolio.PortfolioNotFoundException;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskPriority;
import com.split.tasks.TaskType;
import com.split.tasks.bus.worker.PermanentTaskFailure;
import com.split.tasks.bus.worker.TaskHandler;
import com.split.tasks.bus.worker.TaskOutcome;
import com.split.web.ConflictException;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs {@code scheduled_refresh}: a portfolio's daily refresh, published by its schedule. It starts a run as the
 * owner's own refresh would, recorded as requested by {@value DailyRefreshes#REQUESTED_BY}, or joins the run already
 * going. Its run goes at low priority, after the runs users start. A portfolio whose refresh was turned off after the task was published, or that holds no tickers, ends the
 * task as NO_DATA, saying why.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledRefreshes {

    @Bean
    TaskHandler scheduledRefreshHandler(RefreshService refreshes, DailyRefreshes dailyRefreshes) {
        return TaskHandler.of(TaskType.SCHEDULED_REFRESH, (task, context) -> run(task, refreshes, dailyRefreshes));
    }

    static TaskOutcome run(TaskEnvelope task, RefreshService refreshes, DailyRefreshes dailyRefreshes) {
        long portfolioId = task.payload().path("portfolio_id").asLong(0);
        if (portfolioId <= 0) {
            throw new PermanentTaskFailure("payload.portfolio_id must be a portfolio's id, was "
                    + task.payload().path("portfolio_id"));
        }
        if (!dailyRefreshes.isOn(portfolioId)) {
            return TaskOutcome.noData("the daily refresh of portfolio %d is off, or it is gone".formatted(portfolioId));
        }
        try {
            RefreshService.Started started =
                    refreshes.refresh(portfolioId, DailyRefreshes.REQUESTED_BY, TaskPriority.LOW);
            return TaskOutcome.success(Map.of(
                    "portfolio_id", portfolioId,
                    "session_id", started.run().sessionId(),
                    "started", started.created()));
        } catch (ConflictException | PortfolioNotFoundException e) {
            return TaskOutcome.noData(Objects.requireNonNullElse(e.getBody().getDetail(), e.getMessage()));
        }
    }
}
