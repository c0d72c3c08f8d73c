package com.split.events.activity;

import com.split.events.activity.SessionGantt.GanttTask;
import com.split.events.activity.Throughput.QueueThroughput;
import com.split.tasks.EventType;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The journal's aggregates for the charts. DATETIME columns hold UTC, read and written as text (Connector/J loses the
 * milliseconds of a DATETIME(3) on MariaDB).
 */
@Repository
class ActivityRepository {

    static final int STEP_SECONDS = 60;

    private static final String UTC_TEXT = "'%Y-%m-%dT%H:%i:%s.%fZ'";
    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final JdbcClient jdbc;

    ActivityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One range read of the covering index {@code (status_rank, status_at, queue, status)}: the final statuses of the
     * window, grouped by queue and minute without touching a row. Figures at millions of rows: event-srv's README.
     */
    Throughput throughput(Instant from, Instant to) {
        int minutes = (int) Duration.between(from, to).toMinutes();
        Map<String, long[][]> byQueue = new TreeMap<>();
        jdbc.sql("""
                        SELECT queue, FLOOR(TIMESTAMPDIFF(SECOND, :from, status_at) / 60) AS minute,
                               SUM(status IN ('SUCCESS', 'NO_DATA')) AS completed,
                               SUM(status IN ('FAILURE', 'TIMEOUT')) AS failed
                        FROM tasks
                        WHERE status_rank = 5 AND status_at >= :from AND status_at < :to AND queue IS NOT NULL
                        GROUP BY queue, minute""").param("from", utc(from)).param("to", utc(to)).query((ResultSet row) -> {
            long[][] counts = byQueue.computeIfAbsent(
                    row.getString("queue"), queue -> new long[][] {new long[minutes], new long[minutes]});
            int minute = row.getInt("minute");
            counts[0][minute] = row.getLong("completed");
            counts[1][minute] = row.getLong("failed");
        });
        List<QueueThroughput> queues = new ArrayList<>();
        byQueue.forEach((queue, counts) -> queues.add(new QueueThroughput(queue, counts[0], counts[1])));
        return new Throughput(from, to, STEP_SECONDS, queues);
    }

    /**
     * The session's oldest {@code limit} tasks with their events: the tasks by {@code idx_tasks_session}, their events
     * by {@code idx_events_log_task}.
     */
    SessionGantt gantt(String sessionId, int limit) {
        record Task(GanttTask view, TaskSegments segments) {}
        Map<String, Task> tasks = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT t.task_id, t.task_type, t.queue, t.status, t.attempts, e.event_type,
                               DATE_FORMAT(e.occurred_at, %s) AS occurred_at_utc
                        FROM (SELECT task_id, task_type, queue, status, attempts, created_at FROM tasks
                              WHERE session_id = :session ORDER BY created_at, task_id LIMIT :more) t
                        JOIN events_log e ON e.task_id = t.task_id
                        ORDER BY t.created_at, t.task_id, e.occurred_at, e.created_at, e.event_id""".formatted(UTC_TEXT))
                .param("session", sessionId)
                .param("more", limit + 1)
                .query((ResultSet row) -> {
                    String taskId = row.getString("task_id");
                    Task task = tasks.get(taskId);
                    if (task == null) {
                        GanttTask view = new GanttTask(
                                taskId,
                                row.getString("task_type"),
                                row.getString("queue"),
                                row.getString("status"),
                                row.getInt("attempts"),
                                List.of());
                        task = new Task(view, new TaskSegments());
                        tasks.put(taskId, task);
                    }
                    // an event type this version does not know adds nothing to the timeline
                    TaskSegments segments = task.segments();
                    Instant at = Instant.parse(row.getString("occurred_at_utc"));
                    EventType.fromWireName(row.getString("event_type")).ifPresent(type -> segments.add(type, at));
                });
        List<GanttTask> views = tasks.values().stream()
                .limit(limit)
                .map(task -> new GanttTask(
                        task.view().taskId(),
                        task.view().taskType(),
                        task.view().queue(),
                        task.view().status(),
                        task.view().attempts(),
                        task.segments().segments()))
                .toList();
        return new SessionGantt(sessionId, views, tasks.size() > limit);
    }

    private static String utc(Instant instant) {
        return DATETIME_3.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
