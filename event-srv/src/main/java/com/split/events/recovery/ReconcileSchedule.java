package com.split.events.recovery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the reconciler every {@code split.events.recovery.interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "split.events.recovery.enabled", matchIfMissing = true)
class ReconcileSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ReconcileSchedule.class);

    private final Reconciler reconciler;
    private final RecoveryProperties properties;

    ReconcileSchedule(Reconciler reconciler, RecoveryProperties properties) {
        this.reconciler = reconciler;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::run, properties.interval());
    }

    private void run() {
        try {
            ReconcileReport report = reconciler.reconcile();
            if (!report.repaired().isEmpty() || !report.warnings().isEmpty()) {
                log.warn("Reconciled: {} tasks repaired; {}", report.repaired().size(), report.warnings());
            }
        } catch (RuntimeException e) {
            // Redis or MySQL away: the next run tries again
            log.warn("Reconcile failed: {}", e.toString());
        }
    }
}
