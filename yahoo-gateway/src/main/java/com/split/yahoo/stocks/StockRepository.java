package com.split.yahoo.stocks;

import com.split.yahoo.market.Fundamentals;
import com.split.yahoo.market.Listing;
import com.split.yahoo.market.PriceHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads and writes split_stocks. Every write is an upsert on the natural key, so a rerun stores the same rows and
 * leaves {@code updated_at} as it was; a bar stored while its session was open is replaced by the final one.
 *
 * <p>{@code VALUES(col)} in {@code ON DUPLICATE KEY UPDATE} is deprecated on MySQL 8 but is the one spelling MariaDB
 * 10.11 also reads (it has no row alias).
 */
@Repository
class StockRepository {

    private static final DateTimeFormatter DATETIME_3 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    StockRepository(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The last session whose final bar is stored for {@code symbol}. */
    Optional<LocalDate> pricesThrough(String symbol) {
        return tickerDate("prices_through", symbol);
    }

    /** The date of the latest fundamentals stored for {@code symbol}. */
    Optional<LocalDate> fundamentalsAsOf(String symbol) {
        return tickerDate("fundamentals_as_of", symbol);
    }

    private Optional<LocalDate> tickerDate(String column, String symbol) {
        return jdbc
                .query(
                        "SELECT %1$s FROM tickers WHERE symbol = ? AND %1$s IS NOT NULL".formatted(column),
                        (row, index) -> row.getObject(1, LocalDate.class),
                        symbol)
                .stream()
                .findFirst();
    }

    /**
     * Stores a window of bars and actions in one transaction, and marks the ticker's prices final through
     * {@code through} (left as it was when null).
     */
    void storePrices(PriceHistory history, String provider, @Nullable LocalDate through, Instant fetchedAt) {
        String symbol = history.listing().symbol();
        transactions.executeWithoutResult(status -> {
            jdbc.batchUpdate("""
                            INSERT INTO stock_prices (ticker, date, open, high, low, close, adj_close, volume)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                            ON DUPLICATE KEY UPDATE open = VALUES(open), high = VALUES(high), low = VALUES(low),
                                close = VALUES(close), adj_close = VALUES(adj_close), volume = VALUES(volume)""", history.bars(), 1000, (statement, bar) -> {
                statement.setString(1, symbol);
                statement.setObject(2, bar.date());
                statement.setDouble(3, bar.open());
                statement.setDouble(4, bar.high());
                statement.setDouble(5, bar.low());
                statement.setDouble(6, bar.close());
                statement.setDouble(7, bar.adjClose());
                statement.setLong(8, bar.volume());
            });
            jdbc.batchUpdate("""
                            INSERT INTO dividends (ticker, ex_date, amount) VALUES (?, ?, ?)
                            ON DUPLICATE KEY UPDATE amount = VALUES(amount)""", history.dividends(), 1000, (statement, dividend) -> {
                statement.setString(1, symbol);
                statement.setObject(2, dividend.exDate());
                statement.setDouble(3, dividend.amount());
            });
            jdbc.batchUpdate("""
                            INSERT INTO splits (ticker, date, numerator, denominator) VALUES (?, ?, ?, ?)
                            ON DUPLICATE KEY UPDATE numerator = VALUES(numerator), denominator = VALUES(denominator)""", history.splits(), 1000, (statement, split) -> {
                statement.setString(1, symbol);
                statement.setObject(2, split.date());
                statement.setInt(3, split.numerator());
                statement.setInt(4, split.denominator());
            });
            upsertTicker(history.listing(), provider);
            jdbc.update(
                    "UPDATE tickers SET prices_through = COALESCE(?, prices_through), prices_fetched_at = ? WHERE symbol = ?",
                    through,
                    utc(fetchedAt),
                    symbol);
        });
    }

    /** Stores one day's fundamentals and the statement lines they come with, in one transaction. */
    void storeFundamentals(Fundamentals fundamentals, String provider, Instant fetchedAt) {
        String symbol = fundamentals.listing().symbol();
        transactions.executeWithoutResult(status -> {
            jdbc.update(
                    """
                            INSERT INTO fundamentals (ticker, as_of, provider, sector, industry, market_cap, trailing_pe,
                                forward_pe, return_on_equity, return_on_assets, debt_to_equity, current_ratio,
                                gross_margin, operating_margin, profit_margin, operating_cash_flow, free_cash_flow,
                                shares_outstanding, average_volume, beta)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON DUPLICATE KEY UPDATE provider = VALUES(provider), sector = VALUES(sector),
                                industry = VALUES(industry), market_cap = VALUES(market_cap),
                                trailing_pe = VALUES(trailing_pe), forward_pe = VALUES(forward_pe),
                                return_on_equity = VALUES(return_on_equity), return_on_assets = VALUES(return_on_assets),
                                debt_to_equity = VALUES(debt_to_equity), current_ratio = VALUES(current_ratio),
                                gross_margin = VALUES(gross_margin), operating_margin = VALUES(operating_margin),
                                profit_margin = VALUES(profit_margin), operating_cash_flow = VALUES(operating_cash_flow),
                                free_cash_flow = VALUES(free_cash_flow), shares_outstanding = VALUES(shares_outstanding),
                                average_volume = VALUES(average_volume), beta = VALUES(beta)""",
                    symbol,
                    fundamentals.asOf(),
                    provider,
                    fundamentals.sector(),
                    fundamentals.industry(),
                    fundamentals.marketCap(),
                    fundamentals.trailingPe(),
                    fundamentals.forwardPe(),
                    fundamentals.returnOnEquity(),
                    fundamentals.returnOnAssets(),
                    fundamentals.debtToEquity(),
                    fundamentals.currentRatio(),
                    fundamentals.grossMargin(),
                    fundamentals.operatingMargin(),
                    fundamentals.profitMargin(),
                    fundamentals.operatingCashFlow(),
                    fundamentals.freeCashFlow(),
                    fundamentals.sharesOutstanding(),
                    fundamentals.averageVolume(),
                    fundamentals.beta());
            jdbc.batchUpdate("""
                            INSERT INTO statement_lines (ticker, period_end, line, value) VALUES (?, ?, ?, ?)
                            ON DUPLICATE KEY UPDATE value = VALUES(value)""", fundamentals.statements(), 1000, (statement, line) -> {
                statement.setString(1, symbol);
                statement.setObject(2, line.periodEnd());
                statement.setString(3, line.item().key());
                statement.setDouble(4, line.value());
            });
            upsertTicker(fundamentals.listing(), provider);
            jdbc.update(
                    "UPDATE tickers SET fundamentals_as_of = ?, fundamentals_fetched_at = ? WHERE symbol = ?",
                    fundamentals.asOf(),
                    utc(fetchedAt),
                    symbol);
        });
    }

    private void upsertTicker(Listing listing, String provider) {
        jdbc.update("""
                        INSERT INTO tickers (symbol, name, exchange, currency, provider) VALUES (?, ?, ?, ?, ?)
                        ON DUPLICATE KEY UPDATE name = VALUES(name), exchange = VALUES(exchange),
                            currency = VALUES(currency), provider = VALUES(provider)""", listing.symbol(), listing.name(), listing.exchange(), listing.currency(), provider);
    }

    /**
     * DATETIME(3) columns hold UTC, written as text: no driver or session time zone shifts it, and Connector/J drops
     * the milliseconds of a LocalDateTime when the server is MariaDB.
     */
    private static String utc(Instant instant) {
        return DATETIME_3.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
