package com.split.events.recovery;

import com.split.tasks.QueueName;
import com.split.tasks.TaskStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the reconciler reads of the journal. DATETIME columns hold UTC, read and written as text. */
@Repository
class RecoveryRepository {

    /** The statuses of a task that the bus should be holding. */
    static final List<TaskStatus> ON_THE_BUS =
            List.of(TaskStatus.QUEUED, TaskStatus.RETRY, TaskStatus.RECEIVED, TaskStatus.PROCESSING);

    private static final String UTC_TEXT = "'%Y-%m-%dT%H:%i:%s.%fZ'";
    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final int IN_CLAUSE = 1000;

    private final JdbcClient jdbc;

    RecoveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A task's state as the journal has it; {@code envelope} is null when no valid one was journalled. */
    record JournalState(
            UUID taskId,
            TaskStatus status,
            Instant statusAt,
            @Nullable String envelope) {

        boolean sameAs(JournalState other) {
            return status == other.status && statusAt.equals(other.statusAt);
        }
    }

    /** Tasks of the queue that the bus should hold and that have had their status since before {@code before}. */
    List<JournalState> onTheBusSince(QueueName queue, Instant before, int limit) {
        return jdbc.sql("""
                        SELECT task_id, status, DATE_FORMAT(status_at, %s) AS status_at_utc, envelope FROM tasks
                        WHERE queue = :queue AND status IN (:statuses) AND status_at < :before
                        ORDER BY status_at LIMIT :limit""".formatted(UTC_TEXT))
                .param("queue", queue.value())
                .param("statuses", ON_THE_BUS.stream().map(Enum::name).toList())
                .param("before", DATETIME_3.format(LocalDateTime.ofInstant(before, ZoneOffset.UTC)))
                .param("limit", limit)
                .query(RecoveryRepository::state)
                .list();
    }

    Map<UUID, JournalState> states(Collection<UUID> taskIds) {
        Map<UUID, JournalState> states = new HashMap<>();
        List<String> ids = taskIds.stream().map(UUID::toString).toList();
        for (int from = 0; from < ids.size(); from += IN_CLAUSE) {
            jdbc.sql("""
                            SELECT task_id, status, DATE_FORMAT(status_at, %s) AS status_at_utc, envelope FROM tasks
                            WHERE task_id IN (:ids) AND status IS NOT NULL""".formatted(UTC_TEXT))
                    .param("ids", new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + IN_CLAUSE))))
                    .query(RecoveryRepository::state)
                    .list()
                    .forEach(state -> states.put(state.taskId(), state));
        }
        return states;
    }

    /** Tasks of the queue in the journal, and how many of them are finished. */
    record Counts(long created, long terminal) {}

    Counts counts(QueueName queue) {
        return jdbc.sql("""
                        SELECT COUNT(*) AS created, COALESCE(SUM(status_rank = :terminal), 0) AS terminal
                        FROM tasks WHERE queue = :queue AND status IS NOT NULL""")
                .param("queue", queue.value())
                .param("terminal", TaskStatus.SUCCESS.rank())
                .query((row, index) -> new Counts(row.getLong("created"), row.getLong("terminal")))
                .single();
    }

    private static JournalState state(ResultSet row, int index) throws SQLException {
        return new JournalState(
                UUID.fromString(row.getString("task_id")),
                TaskStatus.valueOf(row.getString("status")),
                Instant.parse(row.getString("status_at_utc")),
                row.getString("envelope"));
    }
}
