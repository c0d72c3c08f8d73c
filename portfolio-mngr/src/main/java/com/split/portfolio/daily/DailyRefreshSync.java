package com.split.portfolio.daily;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Brings the bus's daily-refresh schedules in line with the database once the service is ready (after the default
 * portfolio is seeded) and each minute after: a portfolio created with its refresh on by default gets its schedule
 * within a minute.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DailyRefreshSync implements SchedulingConfigurer {

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(DailyRefreshSync.class);

    private final DailyRefreshes dailyRefreshes;

    DailyRefreshSync(DailyRefreshes dailyRefreshes) {
        this.dailyRefreshes = dailyRefreshes;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::sync, INTERVAL, INTERVAL));
    }

    @EventListener(ApplicationReadyEvent.class)
    void sync() {
        try {
            int changed = dailyRefreshes.syncAll();
            if (changed > 0) {
                log.info("Put or removed {} daily-refresh schedules", changed);
            }
        } catch (RuntimeException e) {
            log.warn("Daily-refresh schedules not synced, trying again in {}: {}", INTERVAL, e.toString());
        }
    }
}
