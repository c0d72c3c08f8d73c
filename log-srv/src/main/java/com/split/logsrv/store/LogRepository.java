package com.split.logsrv.store;

import com.split.tasks.codec.TaskCodec;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Writes {@code logs} and {@code rejected_records}. */
@Repository
public class LogRepository {

    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper mapper;

    LogRepository(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions, TaskCodec codec) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.mapper = codec.mapper();
    }

    /** An entry of {@code split:logs} that is not a log record. */
    public record Rejected(String entryId, Map<String, String> fields, String reason) {}

    /** Stores a batch in one transaction. Idempotent on the record id: a batch may be stored again after a failure. */
    public void store(List<LogRow> rows, List<Rejected> rejected) {
        MapSqlParameterSource[] logs = rows.stream().map(this::params).toArray(MapSqlParameterSource[]::new);
        MapSqlParameterSource[] refused = rejected.stream()
                .map(entry -> new MapSqlParameterSource()
                        .addValue("entryId", entry.entryId())
                        .addValue("fields", mapper.writeValueAsString(entry.fields()))
                        .addValue("reason", entry.reason()))
                .toArray(MapSqlParameterSource[]::new);
        transactions.executeWithoutResult(status -> {
            if (logs.length > 0) {
                jdbc.batchUpdate("""
                                INSERT IGNORE INTO logs (id, timestamp, level, level_rank, module, user_id, session_id,
                                       task_id, trace_id, message, metadata)
                                VALUES (:id, :timestamp, :level, :levelRank, :module, :userId, :sessionId, :taskId,
                                       :traceId, :message, :metadata)""", logs);
            }
            if (refused.length > 0) {
                jdbc.batchUpdate(
                        "INSERT IGNORE INTO rejected_records (entry_id, fields, reason) VALUES (:entryId, :fields, :reason)",
                        refused);
            }
        });
    }

    private MapSqlParameterSource params(LogRow row) {
        return new MapSqlParameterSource()
                .addValue("id", row.id().toString())
                .addValue("timestamp", utc(row.timestamp()))
                .addValue("level", row.level().name())
                .addValue("levelRank", row.level().rank())
                .addValue("module", row.module())
                .addValue("userId", row.userId())
                .addValue("sessionId", row.sessionId())
                .addValue("taskId", row.taskId())
                .addValue("traceId", row.traceId())
                .addValue("message", row.message())
                .addValue("metadata", mapper.writeValueAsString(row.metadata()));
    }

    /** Deletes up to {@code limit} records older than {@code cutoff}, oldest first; returns how many. */
    int deleteOlderThan(Instant cutoff, int limit) {
        return jdbc.update(
                "DELETE FROM logs WHERE timestamp < :cutoff ORDER BY timestamp LIMIT :limit",
                new MapSqlParameterSource().addValue("cutoff", utc(cutoff)).addValue("limit", limit));
    }

    /**
     * DATETIME(3) columns hold UTC, written as text: no driver or session time zone shifts it, and Connector/J drops
     * the milliseconds of a LocalDateTime when the server is MariaDB.
     */
    public static String utc(Instant instant) {
        return DATETIME_3.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
