package com.split.events.journal;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskStatus;
import com.split.tasks.codec.TaskCodec;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes stream entries to {@code events_log}, {@code tasks} and {@code rejected_events}. */
@Repository
class JournalRepository {

    private static final Logger log = LoggerFactory.getLogger(JournalRepository.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TaskCodec codec;

    JournalRepository(JdbcClient jdbc, TransactionTemplate transactions, TaskCodec codec) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.codec = codec;
    }

    /**
     * Writes a batch in one transaction. Idempotent: an event whose {@code event_id} is already journalled changes
     * nothing, so a batch may be written again after a failure or a redelivery.
     */
    void write(List<? extends JournalEntry> entries) {
        // Tasks in id order: two instances writing batches that share tasks lock their rows in the same order.
        Map<UUID, List<JournalEntry.Event>> byTask = new TreeMap<>();
        List<JournalEntry.Rejected> rejected = new ArrayList<>();
        for (JournalEntry entry : entries) {
            switch (entry) {
                case JournalEntry.Event event ->
                    byTask.computeIfAbsent(event.event().taskId(), id -> new ArrayList<>())
                            .add(event);
                case JournalEntry.Rejected reject -> rejected.add(reject);
            }
        }
        transactions.executeWithoutResult(status -> {
            rejected.forEach(this::insertRejected);
            byTask.forEach(this::writeTask);
        });
    }

    private void insertRejected(JournalEntry.Rejected rejected) {
        jdbc.sql("""
                        INSERT IGNORE INTO rejected_events (queue, entry_id, fields, reason)
                        VALUES (:queue, :entryId, :fields, :reason)""")
                .param("queue", rejected.queue().value())
                .param("entryId", rejected.entryId())
                .param("fields", codec.mapper().writeValueAsString(rejected.fields()))
                .param("reason", rejected.reason())
                .update();
    }

    private void writeTask(UUID taskId, List<JournalEntry.Event> events) {
        String id = taskId.toString();
        // The row first, so that FOR UPDATE has something to lock even for a task's first event.
        jdbc.sql("INSERT IGNORE INTO tasks (task_id) VALUES (:id)")
                .param("id", id)
                .update();
        TaskState state = jdbc.sql("""
                        SELECT task_type, queue, user_id, session_id, status, status_attempt, status_at, attempts,
                               envelope, last_error, last_error_at
                        FROM tasks WHERE task_id = :id FOR UPDATE""")
                .param("id", id)
                .query(JournalRepository::taskState)
                .single();
        TaskEnvelope known = knownEnvelope(state, events);
        for (JournalEntry.Event entry : events) {
            TaskEvent event = known == null ? entry.event() : fill(entry.event(), known);
            if (insertEvent(event) == 0) {
                log.debug("Event {} of task {} is journalled already", event.eventId(), taskId);
                continue;
            }
            state = state.apply(event, entry.envelopeJson());
        }
        jdbc.sql("""
                        UPDATE tasks SET task_type = :taskType, queue = :queue, user_id = :userId,
                               session_id = :sessionId, status = :status, status_rank = :statusRank,
                               status_attempt = :statusAttempt, status_at = :statusAt, attempts = :attempts,
                               envelope = :envelope, last_error = :lastError, last_error_at = :lastErrorAt
                        WHERE task_id = :id""")
                .param("taskType", state.taskType())
                .param("queue", state.queue())
                .param("userId", state.userId())
                .param("sessionId", state.sessionId())
                .param("status", state.status() == null ? null : state.status().name())
                .param(
                        "statusRank",
                        state.status() == null ? null : state.status().rank())
                .param("statusAttempt", state.statusAttempt())
                .param("statusAt", utc(state.statusAt()))
                .param("attempts", state.attempts())
                .param("envelope", state.envelope())
                .param("lastError", state.lastError())
                .param("lastErrorAt", utc(state.lastErrorAt()))
                .param("id", id)
                .update();
    }

    private @Nullable TaskEnvelope knownEnvelope(TaskState state, List<JournalEntry.Event> events) {
        for (JournalEntry.Event event : events) {
            if (event.envelope() != null) {
                return event.envelope();
            }
        }
        if (state.envelope() == null) {
            return null;
        }
        try {
            return codec.decode(state.envelope().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null; // the journal kept it as it came; the events then go without what it would tell
        }
    }

    /** The event with what only {@code task_created} carries on the stream: user, session, modules, tickers. */
    private static TaskEvent fill(TaskEvent event, TaskEnvelope task) {
        return new TaskEvent(
                event.eventId(),
                event.eventType(),
                event.status(),
                event.taskId(),
                event.taskType() != null ? event.taskType() : task.taskType(),
                event.queue() != null ? event.queue() : task.queue(),
                event.sourceModule() != null
                        ? event.sourceModule()
                        : task.initiator().module(),
                event.targetModule() != null ? event.targetModule() : task.targetModule(),
                event.userId() != null ? event.userId() : task.userId(),
                event.sessionId() != null ? event.sessionId() : task.sessionId(),
                event.tickers() != null ? event.tickers() : task.tickers(),
                event.attempt(),
                event.workerId(),
                event.occurredAt(),
                event.error(),
                event.details());
    }

    private int insertEvent(TaskEvent event) {
        return jdbc.sql("""
                        INSERT IGNORE INTO events_log (event_id, task_id, user_id, session_id, event_type,
                               source_module, target_module, status, attempt, worker_id, payload, occurred_at)
                        VALUES (:eventId, :taskId, :userId, :sessionId, :eventType, :sourceModule, :targetModule,
                               :status, :attempt, :workerId, :payload, :occurredAt)""")
                .param("eventId", event.eventId().toString())
                .param("taskId", event.taskId().toString())
                .param("userId", event.userId())
                .param("sessionId", event.sessionId())
                .param("eventType", event.eventType().wireName())
                .param("sourceModule", event.sourceModule())
                .param("targetModule", event.targetModule())
                .param("status", event.status() == null ? null : event.status().name())
                .param("attempt", event.attempt())
                .param("workerId", event.workerId())
                .param("payload", codec.encodeEvent(event))
                .param("occurredAt", utc(event.occurredAt()))
                .update();
    }

    private static TaskState taskState(ResultSet row, int index) throws SQLException {
        String status = row.getString("status");
        int attempt = row.getInt("status_attempt");
        Integer statusAttempt = row.wasNull() ? null : attempt;
        return new TaskState(
                row.getString("task_type"),
                row.getString("queue"),
                row.getString("user_id"),
                row.getString("session_id"),
                status == null ? null : TaskStatus.valueOf(status),
                statusAttempt,
                instant(row.getObject("status_at", LocalDateTime.class)),
                row.getInt("attempts"),
                row.getString("envelope"),
                row.getString("last_error"),
                instant(row.getObject("last_error_at", LocalDateTime.class)));
    }

    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    /**
     * DATETIME columns hold UTC, written as text: no driver or session time zone shifts it, and Connector/J drops the
     * milliseconds of a LocalDateTime when the server is MariaDB (it reads the version as 5.5.5, before fractional
     * seconds), which would break the journal's ordering.
     */
    private static @Nullable String utc(@Nullable Instant instant) {
        return instant == null ? null : DATETIME_3.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static @Nullable Instant instant(@Nullable LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
