package com.split.initfilter.filtration;

import com.split.tasks.TaskIds;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code initial_filtration}: one row per (session, ticker), upserted, so a task that runs twice leaves the rows of
 * one run. {@code VALUES(col)} in {@code ON DUPLICATE KEY UPDATE} is deprecated on MySQL 8 but is the one spelling
 * MariaDB 10.11 also reads.
 */
@Repository
class FiltrationRepository {

    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transactions;

    FiltrationRepository(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transactions = transactions;
    }

    /**
     * One ticker's result.
     *
     * @param passed null when no gate could be judged
     * @param inputsDigest what the result was computed from; an unchanged digest means nothing to rewrite
     */
    record Row(String ticker, double score, @Nullable Boolean passed, String reasonsJson, String inputsDigest) {}

    /** The inputs digest of each ticker the session has a result for. */
    Map<String, String> digests(String sessionId) {
        Map<String, String> digests = new HashMap<>();
        jdbc.sql("SELECT ticker, inputs_digest FROM initial_filtration WHERE session_id = ?")
                .param(sessionId)
                .query(row -> {
                    digests.put(row.getString(1), row.getString(2));
                });
        return digests;
    }

    /** Inserts or replaces the session's rows for these tickers, in one transaction; {@code created_at} stays. */
    void upsert(String userId, String sessionId, List<Row> rows, Instant now) {
        String at = utc(now);
        transactions.executeWithoutResult(status -> batch.batchUpdate("""
                        INSERT INTO initial_filtration (result_id, user_id, session_id, ticker, normalized_score,
                            passed, reasons_json, inputs_digest, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON DUPLICATE KEY UPDATE user_id = VALUES(user_id), normalized_score = VALUES(normalized_score),
                            passed = VALUES(passed), reasons_json = VALUES(reasons_json),
                            inputs_digest = VALUES(inputs_digest), updated_at = VALUES(updated_at)""", rows, 500, (statement, row) -> {
            statement.setString(1, TaskIds.newId().toString());
            statement.setString(2, userId);
            statement.setString(3, sessionId);
            statement.setString(4, row.ticker());
            statement.setDouble(5, row.score());
            if (row.passed() == null) {
                statement.setNull(6, Types.BOOLEAN);
            } else {
                statement.setBoolean(6, row.passed());
            }
            statement.setString(7, row.reasonsJson());
            statement.setString(8, row.inputsDigest());
            statement.setString(9, at);
            statement.setString(10, at);
        }));
    }

    /**
     * DATETIME(3) columns hold UTC, written as text: no driver or session time zone shifts it, and Connector/J drops
     * the milliseconds of a LocalDateTime when the server is MariaDB.
     */
    private static String utc(Instant instant) {
        return DATETIME_3.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
