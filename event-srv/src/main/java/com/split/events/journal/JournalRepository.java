package com.split.events.journal;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskStatus;
import com.split.tasks.codec.TaskCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes stream entries to {@code events_log}, {@code tasks} and {@code rejected_events}: a batch costs a handful of
 * statements whatever its size (each JDBC batch is one multi-row statement with {@code rewriteBatchedStatements}).
 * Batches of disjoint tasks are written at once without waiting on each other: they share no row.
 */
@Repository
class JournalRepository {

    private static final Logger log = LoggerFactory.getLogger(JournalRepository.class);

    /**
     * How often a batch is written at most when other writers insert its new tasks meanwhile: each lost race is one
     * writer fewer to race with, so this bounds nothing but a fault.
     */
    private static final int RACED_ATTEMPTS = 10;

    private static final String INSERT_EVENTS = """
            INSERT IGNORE INTO events_log (event_id, task_id, user_id, session_id, event_type, source_module,
                   target_module, status, attempt, worker_id, payload, occurred_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String INSERT_TASKS = """
            INSERT INTO tasks (task_id, task_type, queue, user_id, session_id, status, status_rank, status_attempt,
                   status_at, attempts, envelope, last_error, last_error_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String UPSERT_TASKS = INSERT_TASKS + """

            ON DUPLICATE KEY UPDATE task_type = VALUES(task_type), queue = VALUES(queue),
                   user_id = VALUES(user_id), session_id = VALUES(session_id), status = VALUES(status),
                   status_rank = VALUES(status_rank), status_attempt = VALUES(status_attempt),
                   status_at = VALUES(status_at), attempts = VALUES(attempts),
                   envelope = COALESCE(envelope, VALUES(envelope)), last_error = VALUES(last_error),
                   last_error_at = VALUES(last_error_at)""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate transactions;
    private final TaskCodec codec;

    JournalRepository(JdbcTemplate jdbc, PlatformTransactionManager transactions, TaskCodec codec) {
        this.jdbc = JdbcClient.create(jdbc);
        this.batches = jdbc;
        this.transactions = readCommitted(transactions);
        this.codec = codec;
    }

    /**
     * READ COMMITTED: a batch must see the events other instances committed after it began (it skips those), and it
     * takes no gap locks that would make two instances' inserts wait for each other.
     */
    static TransactionTemplate readCommitted(PlatformTransactionManager transactions) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        return template;
    }

    /**
     * Writes a batch in one transaction. Idempotent: an event whose {@code event_id} is already journalled changes
     * nothing, so a batch may be written again after a failure or a redelivery.
     */
    void write(List<? extends JournalEntry> entries) {
        // Tasks in id order: two instances writing batches that share tasks lock their rows in the same order.
        SortedMap<UUID, List<JournalEntry.Event>> byTask = new TreeMap<>();
        List<JournalEntry.Rejected> rejected = new ArrayList<>();
        for (JournalEntry entry : entries) {
            switch (entry) {
                case JournalEntry.Event event ->
                    byTask.computeIfAbsent(event.event().taskId(), id -> new ArrayList<>())
                            .add(event);
                case JournalEntry.Rejected reject -> rejected.add(reject);
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(status -> {
                    insertRejected(rejected);
                    if (!byTask.isEmpty()) {
                        writeTasks(byTask);
                    }
                });
                return;
            } catch (DuplicateKeyException raced) {
                // Another instance inserted the row of a task this batch found missing: it exists now, and locks.
                if (attempt == RACED_ATTEMPTS) {
                    throw raced;
                }
                log.debug("A task of the batch was journalled meanwhile; writing the batch again", raced);
            }
        }
    }

    private void insertRejected(List<JournalEntry.Rejected> rejected) {
        insert(
                "INSERT IGNORE INTO rejected_events (queue, entry_id, fields, reason) VALUES (?, ?, ?, ?)",
                rejected.stream()
                        .map(entry -> new Object[] {
                            entry.queue().value(),
                            entry.entryId(),
                            codec.mapper().writeValueAsString(entry.fields()),
                            entry.reason()
                        })
                        .toList());
    }

    private void writeTasks(SortedMap<UUID, List<JournalEntry.Event>> byTask) {
        List<String> ids = byTask.keySet().stream().map(UUID::toString).toList();
        // Locks the rows there are. A task without one gets it from the INSERT below, which fails on a row another
        // instance inserted meanwhile (then the batch is written again), so two writers never build on one state.
        Map<String, TaskState> known = new HashMap<>();
        jdbc.sql("""
                        SELECT task_id, task_type, queue, user_id, session_id, status, status_attempt, status_at,
                               attempts, envelope, last_error, last_error_at
                        FROM tasks WHERE task_id IN (:ids) ORDER BY task_id FOR UPDATE""").param("ids", ids).query(row -> {
            known.put(row.getString("task_id"), taskState(row));
        });
        Set<String> journalled = journalledEvents(byTask, known.keySet());
        List<Object[]> events = new ArrayList<>();
        List<Object[]> created = new ArrayList<>();
        List<Object[]> changed = new ArrayList<>();
        byTask.forEach((taskId, entries) -> {
            String id = taskId.toString();
            TaskState before = known.get(id);
            TaskState state = before == null ? TaskState.UNKNOWN : before;
            TaskEnvelope envelope = knownEnvelope(state, entries);
            boolean changes = false;
            for (JournalEntry.Event entry : entries) {
                TaskEvent event = envelope == null ? entry.event() : fill(entry.event(), envelope);
                if (!journalled.add(event.eventId().toString())) {
                    log.debug("Event {} of task {} is journalled already", event.eventId(), taskId);
                    continue;
                }
                events.add(eventRow(event));
                state = state.apply(event, entry.envelopeJson());
                changes = true;
            }
            if (before == null && changes) {
                created.add(taskRow(id, state, false));
            } else if (changes) {
                changed.add(taskRow(id, state, before.envelope() != null));
            }
        });
        insert(INSERT_EVENTS, events);
        insert(INSERT_TASKS, created);
        // The rows are locked: an upsert of them all is one statement where UPDATEs would be one per task.
        insert(UPSERT_TASKS, changed);
    }

    /**
     * The events of the batch that are journalled already: only a task that has a row can have any, so a batch of new
     * tasks asks nothing. The set also takes the batch's own events as they are written, to skip repeats within it.
     */
    private Set<String> journalledEvents(SortedMap<UUID, List<JournalEntry.Event>> byTask, Set<String> known) {
        List<String> candidates = new ArrayList<>();
        byTask.forEach((taskId, entries) -> {
            if (known.contains(taskId.toString())) {
                entries.forEach(entry -> candidates.add(entry.event().eventId().toString()));
            }
        });
        Set<String> journalled = new HashSet<>();
        if (!candidates.isEmpty()) {
            journalled.addAll(jdbc.sql("SELECT event_id FROM events_log WHERE event_id IN (:ids)")
                    .param("ids", candidates)
                    .query(String.class)
                    .list());
        }
        return journalled;
    }

    /**
     * One multi-row statement ({@code rewriteBatchedStatements}). Values are bound as they are: Spring's binding of a
     * null asks the driver for the parameter's type, which Connector/J answers with an exception per null.
     */
    private void insert(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        batches.batchUpdate(sql, rows, rows.size(), (statement, row) -> {
            for (int i = 0; i < row.length; i++) {
                statement.setObject(i + 1, row[i]);
            }
        });
    }

    private Object[] eventRow(TaskEvent event) {
        return new Object[] {
            event.eventId().toString(),
            event.taskId().toString(),
            event.userId(),
            event.sessionId(),
            event.eventType().wireName(),
            event.sourceModule(),
            event.targetModule(),
            event.status() == null ? null : event.status().name(),
            event.attempt(),
            event.workerId(),
            codec.encodeEvent(event),
            utc(event.occurredAt())
        };
    }

    /** The row's values; the envelope only when the row has none yet, so a kept one is not sent again. */
    private static Object[] taskRow(String id, TaskState state, boolean envelopeKept) {
        return new Object[] {
            id,
            state.taskType(),
            state.queue(),
            state.userId(),
            state.sessionId(),
            state.status() == null ? null : state.status().name(),
            state.status() == null ? null : state.status().rank(),
            state.statusAttempt(),
            utc(state.statusAt()),
            state.attempts(),
            envelopeKept ? null : state.envelope(),
            state.lastError(),
            utc(state.lastErrorAt())
        };
    }

    private @Nullable TaskEnvelope knownEnvelope(TaskState state, List<JournalEntry.Event> events) {
        for (JournalEntry.Event event : events) {
            if (event.envelope() != null) {
                return event.envelope();
            }
        }
        // the journal kept it as it came: when it is not valid, the events go without what it would tell
        return KeptEnvelope.decode(codec, state.envelope());
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

    private static TaskState taskState(ResultSet row) throws SQLException {
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
    static @Nullable String utc(@Nullable Instant instant) {
        return instant == null ? null : DATETIME_3.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static @Nullable Instant instant(@Nullable LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
