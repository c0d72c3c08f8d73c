package com.split.events.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what {@code split.events.retention.*} asks for, in transactions of at most {@code batch-size} tasks (with
 * their events) or rejected entries, so that the journal's writers never wait long for its locks. Terminal tasks go
 * by {@code status_at}, the UTC time of their terminal event, not by when a row was written.
 */
@Component
class JournalRetention {

    private static final Logger log = LoggerFactory.getLogger(JournalRetention.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final EventsProperties.Retention settings;
    private final JournalMetrics metrics;

    JournalRetention(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            EventsProperties properties,
            JournalMetrics metrics) {
        this.jdbc = jdbc;
        this.transactions = JournalRepository.readCommitted(transactions);
        this.settings = properties.retention();
        this.metrics = metrics;
    }

    /** One pass over the journal; a failure is logged and the next pass tries again. */
    void run() {
        try {
            if (settings.tasks() != null) {
                deleteTasks(Instant.now().minus(settings.tasks()));
            }
            if (settings.rejectedEvents() != null) {
                deleteRejected(settings.rejectedEvents());
            }
        } catch (DataAccessException e) {
            log.warn("Journal retention failed, trying again in {}: {}", settings.interval(), e.toString());
        }
    }

    private void deleteTasks(Instant cutoff) {
        String before = JournalRepository.utc(cutoff);
        long tasks = 0;
        long events = 0;
        List<String> ids;
        do {
            ids = jdbc.sql("""
                            SELECT task_id FROM tasks WHERE status_rank = 5 AND status_at < :before
                            ORDER BY status_at LIMIT :limit""")
                    .param("before", before)
                    .param("limit", settings.batchSize())
                    .query(String.class)
                    .list();
            if (ids.isEmpty()) {
                break;
            }
            List<String> candidates = ids;
            long[] deleted = transactions.execute(status -> {
                // Locked in id order like the journal's writers, and checked again: a replay may have queued it since.
                List<String> old = jdbc.sql("""
                                SELECT task_id FROM tasks WHERE task_id IN (:ids) AND status_rank = 5
                                       AND status_at < :before
                                ORDER BY task_id FOR UPDATE""")
                        .param("ids", candidates)
                        .param("before", before)
                        .query(String.class)
                        .list();
                if (old.isEmpty()) {
                    return new long[2];
                }
                long eventRows = jdbc.sql("DELETE FROM events_log WHERE task_id IN (:ids)")
                        .param("ids", old)
                        .update();
                long taskRows = jdbc.sql("DELETE FROM tasks WHERE task_id IN (:ids)")
                        .param("ids", old)
                        .update();
                return new long[] {taskRows, eventRows};
            });
            tasks += deleted[0];
            events += deleted[1];
            metrics.deleted("tasks", deleted[0]);
            metrics.deleted("events_log", deleted[1]);
        } while (ids.size() == settings.batchSize());
        if (tasks > 0) {
            log.info("Retention deleted {} tasks that ended before {} and their {} events", tasks, cutoff, events);
        }
    }

    /**
     * rejected_events has only {@code created_at}, which MySQL stamps in its session time zone: the cutoff is computed
     * by MySQL in that same zone.
     */
    private void deleteRejected(Duration age) {
        long rows = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                            DELETE FROM rejected_events
                            WHERE created_at < CURRENT_TIMESTAMP(3) - INTERVAL :seconds SECOND
                            ORDER BY created_at LIMIT :limit""")
                    .param("seconds", age.toSeconds())
                    .param("limit", settings.batchSize())
                    .update();
            rows += deleted;
            metrics.deleted("rejected_events", deleted);
        } while (deleted == settings.batchSize());
        if (rows > 0) {
            log.info("Retention deleted {} rejected entries older than {}", rows, age);
        }
    }
}
