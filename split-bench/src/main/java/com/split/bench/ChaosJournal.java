package com.split.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the chaos suite reads from event-srv's journal ({@code split_events}), as event-srv's own database user: each
 * task's current status and how often it started. A connection per look, so that a look while MariaDB is stopped only
 * fails that look.
 */
final class ChaosJournal {

    private static final Set<String> TERMINAL = Set.of("SUCCESS", "NO_DATA", "FAILURE", "CANCELLED", "TIMEOUT");

    private final String url;
    private final String user;
    private final String password;

    ChaosJournal(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The tasks of {@code ids} whose journalled status is terminal. */
    Set<UUID> terminal(Collection<UUID> ids) throws SQLException {
        Set<UUID> terminal = new HashSet<>();
        String sql = "SELECT task_id, status FROM tasks WHERE task_id IN (" + placeholders(ids.size()) + ")";
        try (Connection connection = connect();
                PreparedStatement statement = bind(connection.prepareStatement(sql), ids)) {
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (TERMINAL.contains(rows.getString(2))) {
                        terminal.add(UUID.fromString(rows.getString(1)));
                    }
                }
            }
        }
        return terminal;
    }

    /**
     * The accounting of the tasks of some sessions.
     *
     * @param tasks tasks journalled
     * @param open those not in a terminal status
     * @param failed those that ended FAILURE or TIMEOUT
     * @param duplicateRuns attempts run again (at-least-once reruns): starts beyond the first of each task, less the
     *     retries after its handler failed
     * @param afterLostWorker those of them that followed a lost worker or a requeue of a task Redis lost
     * @param unjournalled of {@code expected}, the tasks the journal never heard of
     */
    record Accounting(
            long tasks, long open, long failed, long duplicateRuns, long afterLostWorker, long unjournalled) {}

    Accounting account(List<String> sessions, Collection<UUID> expected) throws SQLException {
        String in = placeholders(sessions.size());
        long tasks = 0;
        long open = 0;
        long failed = 0;
        try (Connection connection = connect()) {
            try (PreparedStatement statement = bind(
                    connection.prepareStatement(
                            "SELECT status, COUNT(*) FROM tasks WHERE session_id IN (" + in + ") GROUP BY status"),
                    sessions)) {
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String status = rows.getString(1);
                        long count = rows.getLong(2);
                        tasks += count;
                        open += TERMINAL.contains(status) ? 0 : count;
                        failed += status != null && (status.equals("FAILURE") || status.equals("TIMEOUT")) ? count : 0;
                    }
                }
            }
            // A task's starts beyond its first, less the retries of its handler's failures, ran an attempt again:
            // an at-least-once rerun. It is explained when the task was taken back from a lost worker or requeued
            // because Redis lost it (task_retried with error worker_lost, or with the reconciler's reason).
            String reruns = """
                    SELECT s.started - 1 - s.failed, s.lost
                    FROM (SELECT e.task_id,
                                 SUM(e.event_type = 'task_started') AS started,
                                 SUM(e.event_type = 'task_retried'
                                     AND JSON_VALUE(e.payload, '$.error.type') NOT IN
                                         ('worker_lost', 'worker_shut_down', 'claim_reply_lost')) AS failed,
                                 MAX(e.event_type = 'task_retried'
                                     AND (JSON_VALUE(e.payload, '$.error.type') = 'worker_lost'
                                          OR JSON_VALUE(e.payload, '$.details.reason') IS NOT NULL)) AS lost
                          FROM events_log e JOIN tasks t ON t.task_id = e.task_id
                          WHERE t.session_id IN (%s)
                          GROUP BY e.task_id) s
                    WHERE s.started - 1 - s.failed > 0
                    """.formatted(in);
            long duplicateRuns = 0;
            long afterLostWorker = 0;
            try (PreparedStatement statement = bind(connection.prepareStatement(reruns), sessions)) {
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        duplicateRuns += rows.getLong(1);
                        afterLostWorker += rows.getBoolean(2) ? rows.getLong(1) : 0;
                    }
                }
            }
            Set<UUID> known = new HashSet<>();
            try (PreparedStatement statement = bind(
                    connection.prepareStatement(
                            "SELECT task_id FROM tasks WHERE task_id IN (" + placeholders(expected.size()) + ")"),
                    expected)) {
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        known.add(UUID.fromString(rows.getString(1)));
                    }
                }
            }
            return new Accounting(tasks, open, failed, duplicateRuns, afterLostWorker, expected.size() - known.size());
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private static String placeholders(int count) {
        return count == 0 ? "NULL" : "?" + ",?".repeat(count - 1);
    }

    private static PreparedStatement bind(PreparedStatement statement, Collection<?> values) throws SQLException {
        int i = 1;
        for (Object value : values) {
            statement.setString(i++, value.toString());
        }
        return statement;
    }
}
