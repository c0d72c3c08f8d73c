package com.split.events.recovery;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Runs the reconciler every {@code split.events.recovery.interval}, the first time one interval after start. */
@Component
@ConditionalOnProperty(name = "split.events.recovery.enabled", matchIfMissing = true)
class ReconcileSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReconcileSchedule.class);

    private final Reconciler reconciler;
    private final RecoveryProperties properties;
    private @Nullable ScheduledExecutorService executor;

    ReconcileSchedule(Reconciler reconciler, RecoveryProperties properties) {
        this.reconciler = reconciler;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("reconciler").daemon().factory());
        long every = properties.interval().toMillis();
        executor.scheduleWithFixedDelay(this::run, every, every, TimeUnit.MILLISECONDS);
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

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
