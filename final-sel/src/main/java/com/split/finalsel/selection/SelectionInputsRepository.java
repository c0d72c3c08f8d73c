package com.split.finalsel.selection;

import com.split.finalsel.SelectionProperties;
import com.split.finalsel.scoring.StockFundamentals;
import com.split.finalsel.series.PriceSeries;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads what a selection is made from, one statement per table for the whole session: init-filter's
 * {@code initial_filtration} (same schema) and yahoo-gateway's {@code stock_prices}, {@code fundamentals} and {@code tickers} (schema
 * {@code split.selection.stocks-schema}). Read-only.
 */
class SelectionInputsRepository {

    private final JdbcClient jdbc;
    private final String stocks;

    SelectionInputsRepository(JdbcClient jdbc, SelectionProperties properties) {
        this.jdbc = jdbc;
        // the schema name is validated by SelectionProperties (letters, digits, _ and $): safe to quote into SQL
        this.stocks = properties.stocksSchema().isEmpty() ? "" : "`" + properties.stocksSchema() + "`.";
    }

    Map<String, FilterRow> filterResults(String sessionId, Collection<String> tickers) {
        Map<String, FilterRow> rows = new HashMap<>();
        if (tickers.isEmpty()) {
            return rows;
        }
        jdbc.sql("""
                        SELECT ticker, passed, normalized_score, reasons_json, inputs_digest
                        FROM initial_filtration WHERE session_id = :session AND ticker IN (:tickers)""")
                .param("session", sessionId)
                .param("tickers", List.copyOf(tickers))
                .query(row -> {
                    rows.put(
                            row.getString("ticker"),
                            new FilterRow(
                                    row.getBoolean("passed"),
                                    nullableDouble(row, "normalized_score"),
                                    row.getString("reasons_json"),
                                    row.getString("inputs_digest")));
                });
        return rows;
    }

    /**
     * The last {@code bars} positive adjusted closes of each ticker, up to the newest bar any of them has: one range
     * read on the primary key over a calendar window wide enough for that many sessions. A ticker whose bars stop
     * earlier (delisted, not fetched lately) gets fewer.
     */
    Map<String, PriceSeries> prices(Collection<String> tickers, int bars) {
        Map<String, PriceSeries> series = new HashMap<>();
        if (tickers.isEmpty()) {
            return series;
        }
        LocalDate newest = jdbc.sql("SELECT MAX(date) FROM %sstock_prices WHERE ticker IN (:tickers)".formatted(stocks))
                .param("tickers", List.copyOf(tickers))
                .query(LocalDate.class)
                .optional()
                .orElse(null);
        if (newest == null) {
            return series;
        }
        // 252 sessions a year in 365 days, plus room for holidays
        LocalDate from = newest.minusDays((long) Math.ceil(bars * 7.0 / 5) + 30);
        Map<String, List<LocalDate>> dates = new HashMap<>();
        Map<String, DoubleList> closes = new HashMap<>();
        jdbc.sql("""
                        SELECT ticker, date, adj_close FROM %sstock_prices
                        WHERE ticker IN (:tickers) AND date >= :from AND adj_close > 0
                        ORDER BY ticker, date""".formatted(stocks))
                .param("tickers", List.copyOf(tickers))
                .param("from", from)
                .query(row -> {
                    String ticker = row.getString(1);
                    dates.computeIfAbsent(ticker, t -> new ArrayList<>()).add(row.getObject(2, LocalDate.class));
                    closes.computeIfAbsent(ticker, t -> new DoubleList()).add(row.getDouble(3));
                });
        dates.forEach((ticker, days) -> series.put(
                ticker, new PriceSeries(ticker, days, closes.get(ticker).toArray()).last(bars)));
        return series;
    }

    /** Each ticker's newest fundamentals row. */
    Map<String, StockFundamentals> fundamentals(Collection<String> tickers) {
        Map<String, StockFundamentals> fundamentals = new HashMap<>();
        if (tickers.isEmpty()) {
            return fundamentals;
        }
        jdbc.sql("""
                        SELECT f.ticker, f.as_of, f.trailing_pe, f.return_on_equity, f.profit_margin
                        FROM %1$sfundamentals f
                        JOIN (SELECT ticker, MAX(as_of) AS as_of FROM %1$sfundamentals WHERE ticker IN (:tickers)
                              GROUP BY ticker) newest
                          ON newest.ticker = f.ticker AND newest.as_of = f.as_of""".formatted(stocks)).param("tickers", List.copyOf(tickers)).query(row -> {
            fundamentals.put(
                    row.getString(1),
                    new StockFundamentals(
                            row.getObject(2, LocalDate.class),
                            nullableDouble(row, "trailing_pe"),
                            nullableDouble(row, "return_on_equity"),
                            nullableDouble(row, "profit_margin")));
        });
        return fundamentals;
    }

    /** The provider each ticker's stored data came from ({@code tickers.provider}: offline, yahoo). */
    Map<String, String> providers(Collection<String> tickers) {
        Map<String, String> providers = new HashMap<>();
        if (tickers.isEmpty()) {
            return providers;
        }
        jdbc.sql("SELECT symbol, provider FROM %stickers WHERE symbol IN (:tickers)".formatted(stocks))
                .param("tickers", List.copyOf(tickers))
                .query(row -> {
                    providers.put(row.getString(1), row.getString(2));
                });
        return providers;
    }

    private static @Nullable Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    /** A growable double[]: a year of closes for hundreds of tickers without boxing each one. */
    private static final class DoubleList {

        private double[] values = new double[300];
        private int size;

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
