package com.split.logsrv.store;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Deletes records older than {@code split.logsrv.retention}, every {@code retention-interval}, in statements of
 * {@code retention-batch-size} rows so that writers never wait long on the table; logs how many it deleted.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class LogRetention implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(LogRetention.class);

    private final LogRepository repository;
    private final LogStoreProperties properties;

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
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(
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
                properties.retentionInterval());
    }
}
