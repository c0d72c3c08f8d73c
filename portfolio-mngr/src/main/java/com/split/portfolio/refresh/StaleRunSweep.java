package com.split.portfolio.refresh;

import com.split.portfolio.config.PortfolioProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Ends stale runs every {@code split.portfolio.stale-sweep-interval}, so that a run whose orchestrator went silent
 * shows as TIMEOUT without waiting for the next refresh. Every instance sweeps; each run ends once.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StaleRunSweep implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(StaleRunSweep.class);

    private final RefreshService refreshes;
    private final Duration interval;

    StaleRunSweep(RefreshService refreshes, PortfolioProperties properties) {
        this.refreshes = refreshes;
        this.interval = properties.staleSweepInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sweep, interval);
    }

    private void sweep() {
        try {
            refreshes.endStaleRuns();
        } catch (DataAccessException e) {
            log.warn("Stale run sweep failed, trying again in {}: {}", interval, e.toString());
        }
    }
}
