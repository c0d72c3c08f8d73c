package com.split.portfolio.portfolio;

import com.split.portfolio.Paging;
import com.split.portfolio.UtcText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes {@code portfolios}, {@code portfolio_items} and {@code portfolio_history}. Every change of a
 * portfolio's tickers happens with its row locked ({@link #lock}), so that changes and refreshes of one portfolio see
 * each other whole, whichever instance makes them.
 */
@Repository
class PortfolioRepository {

    private static final String COLUMNS =
            "id, user_id, name, " + UtcText.select("created_at") + ", " + UtcText.select("updated_at");

    private final JdbcClient jdbc;

    PortfolioRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Portfolio> find(long id) {
        return select(id, "");
    }

    /** The portfolio with its row locked until the transaction ends: the caller must be in one. */
    Optional<Portfolio> lock(long id) {
        return select(id, " FOR UPDATE");
    }

    private Optional<Portfolio> select(long id, String locking) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM portfolios WHERE id = :id" + locking)
                .param("id", id)
                .query(PortfolioRepository::header)
                .optional()
                .map(this::withTickers);
    }

    List<Portfolio> byOwner(String userId) {
        List<Portfolio> headers = jdbc.sql("SELECT " + COLUMNS + " FROM portfolios WHERE user_id = :userId ORDER BY id")
                .param("userId", userId)
                .query(PortfolioRepository::header)
                .list();
        if (headers.isEmpty()) {
            return headers;
        }
        Map<Long, List<Portfolio.Ticker>> tickers = new LinkedHashMap<>();
        jdbc.sql("SELECT portfolio_id, symbol, " + UtcText.select("added_at")
                        + " FROM portfolio_items WHERE portfolio_id IN (:ids) ORDER BY added_at, symbol")
                .param("ids", headers.stream().map(Portfolio::id).toList())
                .query((ResultSet row) -> {
                    tickers.computeIfAbsent(row.getLong("portfolio_id"), id -> new ArrayList<>())
                            .add(ticker(row));
                });
        return headers.stream()
                .map(header -> withTickers(header, tickers.getOrDefault(header.id(), List.of())))
                .toList();
    }

    /** @return the new portfolio's id */
    long insert(String userId, String name, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO portfolios (user_id, name, created_at, updated_at)
                        VALUES (:userId, :name, :now, :now)""")
                .param("userId", userId)
                .param("name", name)
                .param("now", UtcText.of(now))
                .update(key);
        return Objects.requireNonNull(key.getKey(), "generated id").longValue();
    }

    void insertTicker(long portfolioId, String symbol, Instant now) {
        jdbc.sql("INSERT INTO portfolio_items (portfolio_id, symbol, added_at) VALUES (:id, :symbol, :now)")
                .param("id", portfolioId)
                .param("symbol", symbol)
                .param("now", UtcText.of(now))
                .update();
    }

    /** @return whether the portfolio held the ticker */
    boolean deleteTicker(long portfolioId, String symbol) {
        return jdbc.sql("DELETE FROM portfolio_items WHERE portfolio_id = :id AND symbol = :symbol")
                        .param("id", portfolioId)
                        .param("symbol", symbol)
                        .update()
                > 0;
    }

    void touch(long portfolioId, Instant now) {
        jdbc.sql("UPDATE portfolios SET updated_at = :now WHERE id = :id")
                .param("id", portfolioId)
                .param("now", UtcText.of(now))
                .update();
    }

    void appendHistory(
            long portfolioId,
            String userId,
            String action,
            @Nullable String symbol,
            @Nullable String reason,
            Instant now) {
        jdbc.sql("""
                        INSERT INTO portfolio_history (portfolio_id, user_id, action, symbol, reason, occurred_at)
                        VALUES (:id, :userId, :action, :symbol, :reason, :now)""")
                .param("id", portfolioId)
                .param("userId", userId)
                .param("action", action)
                .param("symbol", symbol)
                .param("reason", reason)
                .param("now", UtcText.of(now))
                .update();
    }

    /** The portfolio's changes, newest first. */
    List<HistoryEntry> history(long portfolioId, Paging paging) {
        return jdbc.sql("SELECT id, user_id, action, symbol, reason, " + UtcText.select("occurred_at")
                        + " FROM portfolio_history WHERE portfolio_id = :id ORDER BY id DESC"
                        + " LIMIT :limit OFFSET :offset")
                .param("id", portfolioId)
                .param("limit", paging.size())
                .param("offset", paging.offset())
                .query((row, index) -> new HistoryEntry(
                        row.getLong("id"),
                        row.getString("user_id"),
                        row.getString("action"),
                        row.getString("symbol"),
                        row.getString("reason"),
                        Instant.parse(row.getString("occurred_at_utc"))))
                .list();
    }

    long countHistory(long portfolioId) {
        return jdbc.sql("SELECT COUNT(*) FROM portfolio_history WHERE portfolio_id = :id")
                .param("id", portfolioId)
                .query(Long.class)
                .single();
    }

    private Portfolio withTickers(Portfolio header) {
        List<Portfolio.Ticker> tickers = jdbc.sql("SELECT symbol, " + UtcText.select("added_at")
                        + " FROM portfolio_items WHERE portfolio_id = :id ORDER BY added_at, symbol")
                .param("id", header.id())
                .query((row, index) -> ticker(row))
                .list();
        return withTickers(header, tickers);
    }

    private static Portfolio withTickers(Portfolio header, List<Portfolio.Ticker> tickers) {
        return new Portfolio(
                header.id(), header.userId(), header.name(), tickers, header.createdAt(), header.updatedAt());
    }

    private static Portfolio header(ResultSet row, int index) throws SQLException {
        return new Portfolio(
                row.getLong("id"),
                row.getString("user_id"),
                row.getString("name"),
                List.of(),
                Instant.parse(row.getString("created_at_utc")),
                Instant.parse(row.getString("updated_at_utc")));
    }

    private static Portfolio.Ticker ticker(ResultSet row) throws SQLException {
        return new Portfolio.Ticker(row.getString("symbol"), Instant.parse(row.getString("added_at_utc")));
    }
}
