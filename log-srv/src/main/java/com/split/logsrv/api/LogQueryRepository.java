package com.split.logsrv.api;

import com.split.logsrv.store.LogRepository;
import com.split.tasks.codec.TaskCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Reads {@code logs}. Times are UTC text both ways (see {@link LogRepository#utc}). */
@Repository
class LogQueryRepository {

    private static final String UTC_TEXT = "'%Y-%m-%dT%H:%i:%s.%fZ'";

    private final JdbcClient jdbc;
    private final JsonMapper mapper;

    LogQueryRepository(JdbcClient jdbc, TaskCodec codec) {
        this.jdbc = jdbc;
        this.mapper = codec.mapper();
    }

    LogPage find(LogFilter filter) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.level() != null) {
            where.append(" AND level_rank >= :levelRank");
            params.put("levelRank", filter.level().rank());
        }
        equal(where, params, "module", filter.module());
        equal(where, params, "user_id", filter.userId());
        equal(where, params, "session_id", filter.sessionId());
        equal(where, params, "task_id", filter.taskId());
        equal(where, params, "trace_id", filter.traceId());
        if (filter.from() != null) {
            where.append(" AND timestamp >= :from");
            params.put("from", LogRepository.utc(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND timestamp < :to");
            params.put("to", LogRepository.utc(filter.to()));
        }
        if (filter.text() != null) {
            // a substring, case as the column's collation has it; % and _ in the query are literal
            where.append(" AND message LIKE :text ESCAPE '!'");
            params.put(
                    "text",
                    "%" + filter.text().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM logs" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<LogView> content = total <= (long) filter.page() * filter.size()
                ? List.of()
                : jdbc.sql("""
                                SELECT id, DATE_FORMAT(timestamp, %s) AS timestamp_utc, level, module, user_id,
                                       session_id, task_id, trace_id, message, metadata
                                FROM logs""".formatted(UTC_TEXT) + where
                                + " ORDER BY timestamp DESC, id DESC LIMIT :limit OFFSET :offset")
                        .params(params)
                        .param("limit", filter.size())
                        .param("offset", (long) filter.page() * filter.size())
                        .query(this::view)
                        .list();
        return LogPage.of(content, filter.page(), filter.size(), total);
    }

    private static void equal(StringBuilder where, Map<String, Object> params, String column, @Nullable String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = :").append(column);
            params.put(column, value);
        }
    }

    private LogView view(ResultSet row, int index) throws SQLException {
        return new LogView(
                row.getString("id"),
                Instant.parse(row.getString("timestamp_utc")),
                row.getString("level"),
                row.getString("module"),
                row.getString("user_id"),
                row.getString("session_id"),
                row.getString("task_id"),
                row.getString("trace_id"),
                row.getString("message"),
                mapper.readTree(row.getString("metadata")));
    }
}
