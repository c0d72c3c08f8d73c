package com.split.events.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.tasks.EventType;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.SplitIntegrationTest;
import com.split.tasks.test.TaskEnvelopes;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The retention against a real MariaDB/MySQL: what it deletes, and what it must keep. */
@SplitIntegrationTest(
        properties = {
            "split.events.queues=test_tasks",
            "split.events.retention.tasks=7d",
            "split.events.retention.rejected-events=7d",
            "split.events.retention.batch-size=2"
        })
class JournalRetentionIntegrationTests {

    static final Instant NOW = Instant.now();
    static final Instant OLD = NOW.minus(Duration.ofDays(30));
    static final Instant RECENT = NOW.minus(Duration.ofDays(1));

    @Autowired
    JournalRepository journal;

    @Autowired
    JournalRetention retention;

    @Autowired
    TaskCodec codec;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry registry;

    @Test
    void deletesOldTerminalTasksWithTheirEventsAndKeepsRecentOrUnfinishedOnes() {
        List<UUID> oldFinished = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // more than a batch: the retention goes on until none is left
            oldFinished.add(task(OLD, EventType.TASK_SUCCEEDED));
        }
        oldFinished.add(task(OLD, EventType.TASK_FAILED));
        UUID oldRunning = task(OLD, EventType.TASK_STARTED);
        UUID recentFinished = task(RECENT, EventType.TASK_SUCCEEDED);
        UUID oldRetrying = task(OLD, EventType.TASK_RETRIED); // RETRY is not terminal, however old

        retention.run();

        assertThat(jdbc.sql("SELECT task_id FROM tasks").query(String.class).list())
                .containsExactlyInAnyOrder(oldRunning.toString(), recentFinished.toString(), oldRetrying.toString());
        assertThat(jdbc.sql("SELECT DISTINCT task_id FROM events_log")
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder(oldRunning.toString(), recentFinished.toString(), oldRetrying.toString());
        assertThat(eventsOf(recentFinished)).isEqualTo(3);
        // whichever pass deleted them (the scheduled one runs at startup too), each row is counted once
        assertThat(deleted("tasks")).isEqualTo(5);
        assertThat(deleted("events_log")).isEqualTo(15);
    }

    @Test
    void deletesOldRejectedEntriesOnly() {
        jdbc.sql("""
                        INSERT INTO rejected_events (queue, entry_id, fields, reason, created_at)
                        VALUES ('test_tasks', '1-0', '{}', 'old', CURRENT_TIMESTAMP(3) - INTERVAL 8 DAY),
                               ('test_tasks', '2-0', '{}', 'old', CURRENT_TIMESTAMP(3) - INTERVAL 9 DAY),
                               ('test_tasks', '3-0', '{}', 'old', CURRENT_TIMESTAMP(3) - INTERVAL 10 DAY),
                               ('test_tasks', '4-0', '{}', 'recent', CURRENT_TIMESTAMP(3) - INTERVAL 6 DAY)""").update();

        retention.run();

        assertThat(jdbc.sql("SELECT reason FROM rejected_events")
                        .query(String.class)
                        .list())
                .containsExactly("recent");
        assertThat(deleted("rejected_events")).isEqualTo(3);
    }

    /** A task journalled with three events, the last of type {@code last}, at {@code at}. */
    private UUID task(Instant at, EventType last) {
        TaskEnvelope task = TaskEnvelopes.testTask().build();
        journal.write(List.of(
                new JournalEntry.Event(
                        "1-0",
                        TaskEvent.of(EventType.TASK_CREATED, task, at.minusSeconds(2)),
                        task,
                        new String(codec.encode(task), StandardCharsets.UTF_8)),
                new JournalEntry.Event(
                        "2-0", TaskEvent.of(EventType.TASK_QUEUED, task, at.minusSeconds(1)), null, null),
                new JournalEntry.Event("3-0", TaskEvent.of(last, task, at), null, null)));
        return task.taskId();
    }

    private long eventsOf(UUID task) {
        return jdbc.sql("SELECT COUNT(*) FROM events_log WHERE task_id = :id")
                .param("id", task.toString())
                .query(Long.class)
                .single();
    }

    private double deleted(String table) {
        return registry.get("split.events.retention.deleted")
                .tag("table", table)
                .counter()
                .count();
    }
}
