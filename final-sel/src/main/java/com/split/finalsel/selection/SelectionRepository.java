package com.split.finalsel.selection;

import com.split.finalsel.scoring.Decision;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads and writes {@code final_selections}, keyed on {@code (session_id, ticker)}: a session's rows are upserted in
 * one transaction, so a rerun leaves the same rows, and {@code created_at} keeps the first run's time.
 *
 * <p>{@code VALUES(col)} in {@code ON DUPLICATE KEY UPDATE} is deprecated on MySQL 8 but is the one spelling MariaDB
 * 10.11 also reads.
 */
class SelectionRepository {

    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;

    SelectionRepository(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
    }

    /** A row to store. */
    record Row(String ticker, Decision decision, @Nullable Double score, double weight, String reasonsJson) {}

    List<StoredSelection> session(String sessionId) {
        return jdbc.sql("""
                        SELECT ticker, final_decision, score, weight, reasons_json, inputs_digest
                        FROM final_selections WHERE session_id = :session""")
                .param("session", sessionId)
                .query((row, index) -> {
                    double score = row.getDouble("score");
                    Double nullableScore = row.wasNull() ? null : score; // wasNull reads the last column read
                    return new StoredSelection(
                            row.getString("ticker"),
                            Decision.valueOf(row.getString("final_decision")),
                            nullableScore,
                            row.getDouble("weight"),
                            row.getString("reasons_json"),
                            row.getString("inputs_digest"));
                })
                .list();
    }

    /**
     * Each ticker's newest decision for the user from another session that selected before this one first did (or
     * before {@code now}, on its first run), so that a rerun of this session sees the same previous decisions.
     */
    Map<String, PreviousDecision> previous(String userId, String sessionId, Collection<String> tickers, Instant now) {
        Map<String, PreviousDecision> previous = new HashMap<>();
        if (tickers.isEmpty()) {
            return previous;
        }
        jdbc.sql("""
                        SELECT ticker, session_id, final_decision FROM (
                            SELECT ticker, session_id, final_decision,
                                   ROW_NUMBER() OVER (PARTITION BY ticker ORDER BY created_at DESC, rec_id DESC) AS newest
                            FROM final_selections
                            WHERE user_id = :user AND ticker IN (:tickers) AND session_id <> :session
                              AND created_at < COALESCE(
                                  (SELECT MIN(created_at) FROM final_selections WHERE session_id = :session), :now)
                        ) ranked
                        WHERE newest = 1""")
                .param("user", userId)
                .param("tickers", List.copyOf(tickers))
                .param("session", sessionId)
                .param("now", utc(now))
                .query(row -> {
                    previous.put(
                            row.getString(1),
                            new PreviousDecision(row.getString(2), Decision.valueOf(row.getString(3))));
                });
        return previous;
    }

    /** Stores the session's rows and removes those of tickers it no longer has, in one transaction. */
    void store(String userId, String sessionId, List<Row> rows, String inputsDigest, Instant now) {
        String at = utc(now);
        transactions.executeWithoutResult(status -> {
            template.batchUpdate("""
                            INSERT INTO final_selections (user_id, session_id, ticker, final_decision, score, weight,
                                reasons_json, inputs_digest, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON DUPLICATE KEY UPDATE user_id = VALUES(user_id), final_decision = VALUES(final_decision),
                                score = VALUES(score), weight = VALUES(weight), reasons_json = VALUES(reasons_json),
                                inputs_digest = VALUES(inputs_digest), updated_at = VALUES(updated_at)""", rows, 1000, (statement, row) -> {
                statement.setString(1, userId);
                statement.setString(2, sessionId);
                statement.setString(3, row.ticker());
                statement.setString(4, row.decision().name());
                if (row.score() == null) {
                    statement.setNull(5, Types.DOUBLE);
                } else {
                    statement.setDouble(5, row.score());
                }
                statement.setDouble(6, row.weight());
                statement.setString(7, row.reasonsJson());
                statement.setString(8, inputsDigest);
                statement.setString(9, at);
                statement.setString(10, at);
            });
            List<String> kept = rows.stream().map(Row::ticker).toList();
            if (kept.isEmpty()) {
                jdbc.sql("DELETE FROM final_selections WHERE session_id = :session")
                        .param("session", sessionId)
                        .update();
            } else {
                jdbc.sql("DELETE FROM final_selections WHERE session_id = :session AND ticker NOT IN (:tickers)")
                        .param("session", sessionId)
                        .param("tickers", kept)
                        .update();
            }
        });
    }

    /**
     * DATETIME(3) columns hold UTC, written as text: no driver or session time zone shifts it, and Connector/J drops
     * the milliseconds of a LocalDateTime when the server is MariaDB.
     */
    private static String utc(Instant instant) {
        return DATETIME_3.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
