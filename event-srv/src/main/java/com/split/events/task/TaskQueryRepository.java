package com.split.events.task;

import com.split.tasks.QueueName;
import com.split.tasks.TaskStatus;
import com.split.tasks.codec.TaskCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code tasks} and {@code events_log}. DATETIME columns hold UTC; they are read as text (with their
 * milliseconds, which Connector/J loses on MariaDB) and written as text for the same reason.
 */
@Repository
class TaskQueryRepository {

    private static final String UTC_TEXT = "'%Y-%m-%dT%H:%i:%s.%fZ'";
    private static final String SUMMARY_COLUMNS = """
            task_id, task_type, queue, user_id, session_id, status, attempts, last_error,
            DATE_FORMAT(created_at, %1$s) AS created_at_utc, DATE_FORMAT(updated_at, %1$s) AS updated_at_utc""".formatted(UTC_TEXT);
    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    /** Business results ({@code status} null) come after the status event of the same instant. */
    private static final int NO_STATUS_RANK = Integer.MAX_VALUE;

    private final JdbcClient jdbc;
    private final TaskCodec codec;

    TaskQueryRepository(JdbcClient jdbc, TaskCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
    }

    Optional<TaskView> find(UUID taskId) {
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + ", envelope FROM tasks WHERE task_id = :id")
                .param("id", taskId.toString())
                .query((row, index) -> {
                    String envelope = row.getString("envelope");
                    return new TaskView(
                            summary(row, index),
                            envelope == null ? null : codec.mapper().readTree(envelope));
                })
                .optional();
    }

    boolean exists(UUID taskId) {
        return jdbc.sql("SELECT COUNT(*) FROM tasks WHERE task_id = :id")
                        .param("id", taskId.toString())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The task's events as task-contracts event JSON, by occurred_at and then lifecycle rank. */
    List<JsonNode> events(UUID taskId) {
        record Row(String payload, String occurredAt, int rank) {}
        List<Row> rows = jdbc.sql("""
                        SELECT payload, DATE_FORMAT(occurred_at, %s) AS occurred_at_utc, status
                        FROM events_log WHERE task_id = :id ORDER BY occurred_at, created_at, event_id""".formatted(UTC_TEXT))
                .param("id", taskId.toString())
                .query((row, index) -> {
                    String status = row.getString("status");
                    return new Row(
                            row.getString("payload"),
                            row.getString("occurred_at_utc"),
                            status == null ? NO_STATUS_RANK : rank(status));
                })
                .list();
        List<Row> ordered = new ArrayList<>(rows);
        // fixed-width UTC text sorts like the instants it names; the sort is stable for the rest
        ordered.sort(Comparator.comparing(Row::occurredAt).thenComparingInt(Row::rank));
        return ordered.stream()
                .map(row -> codec.mapper().readTree(row.payload()))
                .toList();
    }

    TaskPage find(TaskFilter filter) {
        Where where = where(filter);
        long total = count(where);
        List<TaskSummary> content = total <= (long) filter.page() * filter.size()
                ? List.of()
                : jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM tasks" + where.clause()
                                + " ORDER BY created_at DESC, task_id DESC LIMIT :limit OFFSET :offset")
                        .params(where.params())
                        .param("limit", filter.size())
                        .param("offset", (long) filter.page() * filter.size())
                        .query(TaskQueryRepository::summary)
                        .list();
        return TaskPage.of(content, filter.page(), filter.size(), total);
    }

    /** What replaying or cancelling a task needs to know of it. */
    record TaskHandle(
            UUID taskId,
            @Nullable QueueName queue,
            @Nullable TaskStatus status,
            @Nullable String envelope) {}

    Optional<TaskHandle> handle(UUID taskId) {
        return jdbc.sql("SELECT task_id, queue, status, envelope FROM tasks WHERE task_id = :id")
                .param("id", taskId.toString())
                .query(TaskQueryRepository::handle)
                .optional();
    }

    /** The finished tasks the filter matches, newest first, at most {@code limit}; and how many it matches in all. */
    SelectedTasks finished(TaskFilter filter, int limit) {
        return select(filter, " AND status_rank = :terminal", " ORDER BY created_at DESC, task_id DESC", limit);
    }

    /**
     * The unfinished tasks the filter matches (a status short of a final one), oldest first, at most {@code limit};
     * and how many unfinished tasks it matches in all.
     */
    SelectedTasks unfinished(TaskFilter filter, int limit) {
        return select(filter, " AND status_rank < :terminal", " ORDER BY created_at, task_id", limit);
    }

    private SelectedTasks select(TaskFilter filter, String state, String order, int limit) {
        Where where = where(filter);
        List<TaskHandle> tasks = jdbc.sql("SELECT task_id, queue, status, envelope FROM tasks" + where.clause() + state
                        + order + " LIMIT :limit")
                .params(where.params())
                .param("terminal", TaskStatus.SUCCESS.rank())
                .param("limit", limit)
                .query(TaskQueryRepository::handle)
                .list();
        long matched = jdbc.sql("SELECT COUNT(*) FROM tasks" + where.clause() + state)
                .params(where.params())
                .param("terminal", TaskStatus.SUCCESS.rank())
                .query(Long.class)
                .single();
        return new SelectedTasks(tasks, matched);
    }

    /** @param matched how many tasks in that state the filter matches, beyond the limit too */
    record SelectedTasks(List<TaskHandle> tasks, long matched) {}

    private record Where(String clause, Map<String, Object> params) {}

    private static Where where(TaskFilter filter) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.status() != null) {
            where.append(" AND status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.queue() != null) {
            where.append(" AND queue = :queue");
            params.put("queue", filter.queue().value());
        }
        if (filter.taskType() != null) {
            where.append(" AND task_type = :taskType");
            params.put("taskType", filter.taskType());
        }
        if (filter.sessionId() != null) {
            where.append(" AND session_id = :sessionId");
            params.put("sessionId", filter.sessionId());
        }
        if (filter.userId() != null) {
            where.append(" AND user_id = :userId");
            params.put("userId", filter.userId());
        }
        if (filter.from() != null) {
            where.append(" AND created_at >= :from");
            params.put("from", utc(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND created_at < :to");
            params.put("to", utc(filter.to()));
        }
        return new Where(where.toString(), params);
    }

    private long count(Where where) {
        return jdbc.sql("SELECT COUNT(*) FROM tasks" + where.clause())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    TaskCounts counts() {
        return new TaskCounts(countBy("status"), countBy("queue"));
    }

    private Map<String, Long> countBy(String column) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT %1$s AS name, COUNT(*) AS n FROM tasks WHERE %1$s IS NOT NULL GROUP BY %1$s ORDER BY %1$s"
                        .formatted(column))
                .query((ResultSet row) -> {
                    counts.put(row.getString("name"), row.getLong("n"));
                });
        return counts;
    }

    private static TaskHandle handle(ResultSet row, int index) throws SQLException {
        String queue = row.getString("queue");
        String status = row.getString("status");
        return new TaskHandle(
                UUID.fromString(row.getString("task_id")),
                queue == null ? null : QueueName.of(queue),
                status == null ? null : TaskStatus.valueOf(status),
                row.getString("envelope"));
    }

    private static TaskSummary summary(ResultSet row, int index) throws SQLException {
        return new TaskSummary(
                row.getString("task_id"),
                row.getString("task_type"),
                row.getString("queue"),
                row.getString("user_id"),
                row.getString("session_id"),
                row.getString("status"),
                row.getInt("attempts"),
                row.getString("last_error"),
                Instant.parse(row.getString("created_at_utc")),
                Instant.parse(row.getString("updated_at_utc")));
    }

    private static int rank(String status) {
        try {
            return TaskStatus.valueOf(status).rank();
        } catch (IllegalArgumentException e) {
            return NO_STATUS_RANK;
        }
    }

    private static @Nullable String utc(@Nullable Instant instant) {
        return instant == null ? null : DATETIME_3.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
