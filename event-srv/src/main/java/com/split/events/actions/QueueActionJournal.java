package com.split.events.actions;

import com.split.tasks.QueueName;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The journal of what operators did to queues and to many tasks at once ({@code queue_actions}). */
@Repository
public class QueueActionJournal {

    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final JdbcClient jdbc;

    QueueActionJournal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A pause or a resume. */
    public void record(QueueName queue, String action, String actor, @Nullable String reason, Instant at) {
        record(queue, action, actor, reason, null, null, at);
    }

    /** A bulk action: what it selected and how many tasks it changed. */
    public void record(
            QueueName queue,
            String action,
            String actor,
            @Nullable String reason,
            @Nullable String filter,
            @Nullable Integer affected,
            Instant at) {
        jdbc.sql("""
                        INSERT INTO queue_actions (queue, action, actor, reason, filter, affected, occurred_at)
                        VALUES (:queue, :action, :actor, :reason, :filter, :affected, :at)""")
                .param("queue", queue.value())
                .param("action", action)
                .param("actor", actor)
                .param("reason", reason)
                .param("filter", filter)
                .param("affected", affected)
                .param("at", DATETIME_3.format(LocalDateTime.ofInstant(at, ZoneOffset.UTC)))
                .update();
    }

    /** The queue's actions, newest first. */
    public List<QueueAction> of(QueueName queue, int limit) {
        return jdbc.sql("""
                        SELECT id, queue, action, actor, reason, filter, affected, occurred_at FROM queue_actions
                        WHERE queue = :queue ORDER BY occurred_at DESC, id DESC LIMIT :limit""")
                .param("queue", queue.value())
                .param("limit", limit)
                .query((row, n) -> new QueueAction(
                        row.getLong("id"),
                        row.getString("queue"),
                        row.getString("action"),
                        row.getString("actor"),
                        row.getString("reason"),
                        row.getString("filter"),
                        row.getObject("affected", Integer.class),
                        row.getObject("occurred_at", LocalDateTime.class).toInstant(ZoneOffset.UTC)))
                .list();
    }
}
