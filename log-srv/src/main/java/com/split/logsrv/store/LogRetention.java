package com.split.logsrv.store;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Deletes records older than {@code split.logsrv.retention}, every {@code retention-interval}, in statements of
 * {@code retention-batch-size} rows so that writers never wait long on the table; logs how many it deleted.
 */
@Component
public class LogRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LogRetention.class);

    private final LogRepository repository;
    private final LogStoreProperties properties;
    private @Nullable ScheduledExecutorService executor;

    LogRetention(LogRepository repository, LogStoreProperties properties) {
        this.repository = repository;
        this.properties = properties;
    }

    /** @return records deleted */
    public long deleteExpired() {
        Instant cutoff = Instant.now().minus(properties.retention());
        long deleted = 0;
        int batch;
        do {
            batch = repository.deleteOlderThan(cutoff, properties.retentionBatchSize());
            deleted += batch;
        } while (batch == properties.retentionBatchSize());
        if (deleted > 0) {
            log.info("Retention deleted {} log records older than {} ({})", deleted, properties.retention(), cutoff);
        }
        return deleted;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("log-retention").daemon().factory());
        long every = properties.retentionInterval().toMillis();
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        deleteExpired();
                    } catch (RuntimeException e) {
                        log.warn(
                                "Log retention failed, trying again in {}: {}",
                                properties.retentionInterval(),
                                e.toString());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
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
