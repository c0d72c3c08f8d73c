package com.split.portfolio.refresh;

import com.split.portfolio.Paging;
import com.split.portfolio.UtcText;
import com.split.tasks.codec.TaskCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@code runs}, {@code run_steps} and {@code recommendations}. A run's status changes only from
 * RUNNING ({@link #finish}), and a step only to a message with a higher sequence ({@link #upsertStep}), in single
 * statements, so redelivered and reordered messages need no locks of their own.
 *
 * <p>{@code VALUES(col)} in {@code ON DUPLICATE KEY UPDATE} is deprecated on MySQL 8 but is the one spelling MariaDB
 * 10.11 also reads.
 */
@Repository
class RefreshRunRepository {

    private static final String RUN_COLUMNS = "session_id, portfolio_id, user_id, requested_by, refresh_task_id,"
            + " tickers, status, reason, dropped, " + UtcText.select("started_at") + ", "
            + UtcText.select("finished_at");
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<UUID>> UUIDS = new TypeReference<>() {};
    private static final TypeReference<List<Dropped>> DROPPED = new TypeReference<>() {};
    private static final TypeReference<List<ScorePart>> SCORE_PARTS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper mapper;

    RefreshRunRepository(JdbcClient jdbc, JdbcTemplate batch, TaskCodec codec) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.mapper = codec.mapper();
    }

    Optional<RefreshRun> find(String sessionId) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM runs WHERE session_id = :id")
                .param("id", sessionId)
                .query(this::run)
                .optional();
    }

    /** The portfolio's RUNNING run, read with a lock: the newest committed state, whatever the isolation level. */
    Optional<RefreshRun> lockRunning(long portfolioId) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM runs WHERE running_portfolio_id = :id FOR UPDATE")
                .param("id", portfolioId)
                .query(this::run)
                .optional();
    }

    /** Sessions of the runs RUNNING since before {@code cutoff}. */
    List<String> runningSince(Instant cutoff) {
        return jdbc.sql("SELECT session_id FROM runs WHERE status = 'RUNNING' AND started_at < :cutoff")
                .param("cutoff", UtcText.of(cutoff))
                .query(String.class)
                .list();
    }

    /**
     * @throws org.springframework.dao.DuplicateKeyException if the portfolio already has a RUNNING run
     */
    void insert(RefreshRun run) {
        jdbc.sql("""
                        INSERT INTO runs (session_id, portfolio_id, user_id, requested_by, refresh_task_id, tickers,
                                          status, started_at)
                        VALUES (:session, :portfolio, :user, :requestedBy, :task, :tickers, :status, :startedAt)""")
                .param("session", run.sessionId())
                .param("portfolio", run.portfolioId())
                .param("user", run.userId())
                .param("requestedBy", run.requestedBy())
                .param("task", run.refreshTaskId().toString())
                .param("tickers", mapper.writeValueAsString(run.tickers()))
                .param("status", run.status().name())
                .param("startedAt", UtcText.of(run.startedAt()))
                .update();
    }

    /** Ends a RUNNING run. @return false if it had ended already (or does not exist): then nothing changed */
    boolean finish(
            String sessionId, RunStatus status, @Nullable String reason, List<Dropped> dropped, Instant finishedAt) {
        return jdbc.sql("""
                                UPDATE runs SET status = :status, reason = :reason, dropped = :dropped,
                                                finished_at = :finishedAt
                                WHERE session_id = :session AND status = 'RUNNING'""")
                        .param("session", sessionId)
                        .param("status", status.name())
                        .param("reason", reason)
                        .param("dropped", mapper.writeValueAsString(dropped))
                        .param("finishedAt", UtcText.of(finishedAt))
                        .update()
                > 0;
    }

    /**
     * Stores the step unless a message with a higher sequence is already stored for it.
     *
     * @return the sequence stored for the step afterwards: higher than {@code progress.sequence()} when the message was
     *     older than the stored one
     */
    long upsertStep(String sessionId, RunProgress progress, Instant now) {
        // MySQL and MariaDB assign left to right, each assignment seeing the ones before it: sequence goes last, so
        // that every IF compares with the stored sequence, not with the new one.
        jdbc.sql("""
                        INSERT INTO run_steps (session_id, step, state, tickers_total, tickers_done, tickers_failed,
                                               started_at, finished_at, task_ids, dropped, sequence, updated_at)
                        VALUES (:session, :step, :state, :total, :done, :failed, :startedAt, :finishedAt, :taskIds,
                                :dropped, :sequence, :now)
                        ON DUPLICATE KEY UPDATE
                            state = IF(VALUES(sequence) > sequence, VALUES(state), state),
                            tickers_total = IF(VALUES(sequence) > sequence, VALUES(tickers_total), tickers_total),
                            tickers_done = IF(VALUES(sequence) > sequence, VALUES(tickers_done), tickers_done),
                            tickers_failed = IF(VALUES(sequence) > sequence, VALUES(tickers_failed), tickers_failed),
                            started_at = IF(VALUES(sequence) > sequence, VALUES(started_at), started_at),
                            finished_at = IF(VALUES(sequence) > sequence, VALUES(finished_at), finished_at),
                            task_ids = IF(VALUES(sequence) > sequence, VALUES(task_ids), task_ids),
                            dropped = IF(VALUES(sequence) > sequence, VALUES(dropped), dropped),
                            updated_at = IF(VALUES(sequence) > sequence, VALUES(updated_at), updated_at),
                            sequence = GREATEST(sequence, VALUES(sequence))""")
                .param("session", sessionId)
                .param("step", progress.step())
                .param("state", progress.state())
                .param("total", progress.tickersTotal())
                .param("done", progress.tickersDone())
                .param("failed", progress.tickersFailed())
                .param("startedAt", UtcText.of(progress.startedAt()))
                .param("finishedAt", UtcText.of(progress.finishedAt()))
                .param("taskIds", mapper.writeValueAsString(progress.taskIds()))
                .param("dropped", mapper.writeValueAsString(progress.dropped()))
                .param("sequence", progress.sequence())
                .param("now", UtcText.of(now))
                .update();
        return jdbc.sql("SELECT sequence FROM run_steps WHERE session_id = :session AND step = :step")
                .param("session", sessionId)
                .param("step", progress.step())
                .query(Long.class)
                .single();
    }

    /** The run's steps: fetch, filter, select, then any other by name. */
    List<RunStep> steps(String sessionId) {
        return jdbc.sql("SELECT step, state, tickers_total, tickers_done, tickers_failed, task_ids, dropped, sequence, "
                        + UtcText.select("started_at") + ", " + UtcText.select("finished_at") + ", "
                        + UtcText.select("updated_at") + " FROM run_steps WHERE session_id = :session"
                        + " ORDER BY CASE step WHEN 'fetch' THEN 0 WHEN 'filter' THEN 1 WHEN 'select' THEN 2 ELSE 3 END,"
                        + " step")
                .param("session", sessionId)
                .query((row, index) -> new RunStep(
                        row.getString("step"),
                        row.getString("state"),
                        row.getInt("tickers_total"),
                        row.getInt("tickers_done"),
                        row.getInt("tickers_failed"),
                        UtcText.parse(row.getString("started_at_utc")),
                        UtcText.parse(row.getString("finished_at_utc")),
                        mapper.readValue(row.getString("task_ids"), UUIDS),
                        mapper.readValue(row.getString("dropped"), DROPPED),
                        row.getLong("sequence"),
                        Instant.parse(row.getString("updated_at_utc"))))
                .list();
    }

    /** Stores the run's recommendations; keyed on (session, ticker), so storing them again changes nothing. */
    void upsertRecommendations(String sessionId, List<Recommendation> recommendations) {
        batch.batchUpdate("""
                        INSERT INTO recommendations (session_id, ticker, decision, score, weight, reasons, score_parts,
                            prices_from, prices_to)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON DUPLICATE KEY UPDATE decision = VALUES(decision), score = VALUES(score),
                            weight = VALUES(weight), reasons = VALUES(reasons),
                            score_parts = VALUES(score_parts), prices_from = VALUES(prices_from),
                            prices_to = VALUES(prices_to)""", recommendations, 500, (statement, recommendation) -> {
            statement.setString(1, sessionId);
            statement.setString(2, recommendation.ticker());
            statement.setString(3, recommendation.decision());
            statement.setObject(4, recommendation.score());
            statement.setDouble(5, recommendation.weight());
            statement.setString(6, recommendation.reasons());
            statement.setString(7, mapper.writeValueAsString(recommendation.scoreParts()));
            PriceWindow prices = recommendation.prices();
            statement.setObject(8, prices == null ? null : prices.from());
            statement.setObject(9, prices == null ? null : prices.to());
        });
    }

    /** BUY first, then HOLD, then SELL; within each, the highest weight and score first. */
    List<Recommendation> recommendations(String sessionId) {
        return jdbc.sql("""
                        SELECT ticker, decision, score, weight, reasons, score_parts, prices_from, prices_to
                        FROM recommendations
                        WHERE session_id = :session
                        ORDER BY FIELD(decision, 'BUY', 'HOLD', 'SELL'), weight DESC, score DESC, ticker""")
                .param("session", sessionId)
                .query((row, index) -> {
                    String parts = row.getString("score_parts");
                    LocalDate from = row.getObject("prices_from", LocalDate.class);
                    LocalDate to = row.getObject("prices_to", LocalDate.class);
                    return new Recommendation(
                            row.getString("ticker"),
                            row.getString("decision"),
                            row.getObject("score", Double.class),
                            row.getDouble("weight"),
                            row.getString("reasons"),
                            parts == null ? List.of() : mapper.readValue(parts, SCORE_PARTS),
                            from == null || to == null ? null : new PriceWindow(from, to));
                })
                .list();
    }

    /** The portfolio's newest run that ended in SUCCESS. */
    Optional<RefreshRun> latestSuccess(long portfolioId) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM runs WHERE portfolio_id = :id AND status = 'SUCCESS'"
                        + " ORDER BY finished_at DESC, started_at DESC LIMIT 1")
                .param("id", portfolioId)
                .query(this::run)
                .optional();
    }

    /** The portfolio's runs, newest first. */
    List<RefreshRun> byPortfolio(long portfolioId, Paging paging) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM runs WHERE portfolio_id = :id"
                        + " ORDER BY started_at DESC, session_id DESC LIMIT :limit OFFSET :offset")
                .param("id", portfolioId)
                .param("limit", paging.size())
                .param("offset", paging.offset())
                .query(this::run)
                .list();
    }

    long countByPortfolio(long portfolioId) {
        return jdbc.sql("SELECT COUNT(*) FROM runs WHERE portfolio_id = :id")
                .param("id", portfolioId)
                .query(Long.class)
                .single();
    }

    private RefreshRun run(ResultSet row, int index) throws SQLException {
        String dropped = row.getString("dropped");
        return new RefreshRun(
                row.getString("session_id"),
                row.getLong("portfolio_id"),
                row.getString("user_id"),
                row.getString("requested_by"),
                UUID.fromString(row.getString("refresh_task_id")),
                mapper.readValue(row.getString("tickers"), STRINGS),
                RunStatus.valueOf(row.getString("status")),
                row.getString("reason"),
                dropped == null ? List.of() : mapper.readValue(dropped, DROPPED),
                Instant.parse(row.getString("started_at_utc")),
                UtcText.parse(row.getString("finished_at_utc")));
    }
}
