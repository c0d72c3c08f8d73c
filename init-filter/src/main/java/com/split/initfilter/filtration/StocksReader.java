package com.split.initfilter.filtration;

import com.split.initfilter.screening.Bar;
import com.split.initfilter.screening.FilterProperties;
import com.split.initfilter.screening.FiscalYear;
import com.split.initfilter.screening.KeyStatistics;
import com.split.initfilter.screening.Line;
import com.split.initfilter.screening.ShareSplit;
import com.split.initfilter.screening.TickerInputs;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads what the screen needs from yahoo-gateway's split_stocks, read-only, in a few set-based queries for a whole
 * session (never one per ticker): the newest bars, the newest fundamentals row, the two newest fiscal years of
 * statement lines, and the splits between those years. Tables are qualified by {@code split.filter.stocks-schema}
 * (not at all when it is empty). Window functions need MySQL 8 or MariaDB 10.2.
 */
@Repository
class StocksReader {

    private static final Map<String, Line> LINES =
            Arrays.stream(Line.values()).collect(Collectors.toMap(Line::key, Function.identity()));

    private final JdbcClient jdbc;
    private final int days;
    private final int spanDays;
    private final String recentBars;
    private final String newestBarsOf;
    private final String fundamentals;
    private final String statements;
    private final String splits;

    StocksReader(JdbcClient jdbc, FilterProperties properties) {
        this.jdbc = jdbc;
        this.days = properties.liquidity().days();
        String schema = properties.stocksSchema().isEmpty() ? "" : "`" + properties.stocksSchema() + "`.";
        // N sessions are 7/5 N calendar days; two weeks more cover holidays, short halts and a fetch a few days late.
        this.spanDays = days * 7 / 5 + 14;
        recentBars = """
                SELECT ticker, date, close, volume FROM %sstock_prices
                WHERE ticker IN (:tickers) AND date >= :since ORDER BY ticker, date""".formatted(schema);
        newestBarsOf = """
                SELECT ticker, date, close, volume FROM (
                    SELECT ticker, date, close, volume,
                           ROW_NUMBER() OVER (PARTITION BY ticker ORDER BY date DESC) AS age
                    FROM %sstock_prices WHERE ticker IN (:tickers)) recent
                WHERE age <= :days
                ORDER BY ticker, date""".formatted(schema);
        fundamentals = """
                SELECT f.ticker, f.as_of, f.sector, f.market_cap, f.return_on_equity, f.return_on_assets,
                       f.debt_to_equity, f.operating_cash_flow, f.average_volume
                FROM %1$sfundamentals f
                JOIN (SELECT ticker, MAX(as_of) AS as_of FROM %1$sfundamentals WHERE ticker IN (:tickers)
                      GROUP BY ticker) newest ON newest.ticker = f.ticker AND newest.as_of = f.as_of""".formatted(schema);
        statements = """
                SELECT ticker, period_end, line, value FROM (
                    SELECT ticker, period_end, line, value,
                           DENSE_RANK() OVER (PARTITION BY ticker ORDER BY period_end DESC) AS year_rank
                    FROM %sstatement_lines WHERE ticker IN (:tickers) AND line IN (:lines)) ranked
                WHERE year_rank <= 2""".formatted(schema);
        splits = """
                SELECT ticker, date, numerator, denominator FROM %ssplits
                WHERE ticker IN (:tickers) AND date > :since ORDER BY ticker, date""".formatted(schema);
    }

    /**
     * The inputs of every ticker, in the order given; a ticker of which nothing is stored has empty inputs.
     *
     * @param today the exchange's date, or near it: where the newest bars are looked for first
     */
    Map<String, TickerInputs> read(Collection<String> tickers, LocalDate today) {
        if (tickers.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Bar>> barsByTicker = newestBars(tickers, today);
        Map<String, KeyStatistics> statistics = new HashMap<>();
        jdbc.sql(fundamentals).param("tickers", tickers).query((ResultSet row) -> {
            statistics.put(
                    row.getString(1),
                    new KeyStatistics(
                            row.getObject(2, LocalDate.class),
                            row.getString(3),
                            number(row, 4),
                            number(row, 5),
                            number(row, 6),
                            number(row, 7),
                            number(row, 8),
                            number(row, 9)));
        });
        Map<String, TreeMap<LocalDate, Map<Line, Double>>> years = new HashMap<>();
        jdbc.sql(statements)
                .param("tickers", tickers)
                .param("lines", LINES.keySet())
                .query((ResultSet row) -> {
                    // The comparison is the column's collation, which may ignore case; the names are exact.
                    Line line = LINES.get(row.getString(3));
                    if (line != null) {
                        years.computeIfAbsent(row.getString(1), ticker -> new TreeMap<>())
                                .computeIfAbsent(row.getObject(2, LocalDate.class), end -> new EnumMap<>(Line.class))
                                .put(line, row.getDouble(4));
                    }
                });
        Map<String, List<ShareSplit>> splitsByTicker = splitsBetweenYears(tickers, years);

        Map<String, TickerInputs> inputs = new LinkedHashMap<>();
        for (String ticker : tickers) {
            TreeMap<LocalDate, Map<Line, Double>> stated = years.getOrDefault(ticker, new TreeMap<>());
            inputs.put(
                    ticker,
                    new TickerInputs(
                            ticker,
                            barsByTicker.getOrDefault(ticker, List.of()),
                            statistics.get(ticker),
                            year(stated.lastEntry()),
                            year(stated.size() > 1 ? stated.firstEntry() : null),
                            splitsByTicker.getOrDefault(ticker, List.of())));
        }
        return inputs;
    }

    /**
     * The newest {@code days} bars of each ticker, oldest first. A window function over every stored bar costs seconds
     * for a few hundred tickers, so the bars since {@code today} less a span are read first (one index range per
     * ticker): a ticker with at least {@code days} of them has its newest there. Only the others (a new listing, a
     * halt, prices not fetched for weeks) are read again with the window function, over their few rows.
     */
    private Map<String, List<Bar>> newestBars(Collection<String> tickers, LocalDate today) {
        Map<String, List<Bar>> bars = new HashMap<>();
        jdbc.sql(recentBars)
                .param("tickers", tickers)
                .param("since", today.minusDays(spanDays))
                .query(barsInto(bars));
        List<String> few = tickers.stream()
                .filter(ticker -> bars.getOrDefault(ticker, List.of()).size() < days)
                .toList();
        if (!few.isEmpty()) {
            few.forEach(bars::remove);
            jdbc.sql(newestBarsOf).param("tickers", few).param("days", days).query(barsInto(bars));
        }
        bars.replaceAll((ticker, list) -> list.size() > days ? list.subList(list.size() - days, list.size()) : list);
        return bars;
    }

    private static RowCallbackHandler barsInto(Map<String, List<Bar>> bars) {
        return row -> bars.computeIfAbsent(row.getString(1), ticker -> new ArrayList<>())
                .add(new Bar(row.getObject(2, LocalDate.class), row.getDouble(3), row.getLong(4)));
    }

    /** The splits of each ticker after its earlier fiscal year ended, up to the end of its later one. */
    private Map<String, List<ShareSplit>> splitsBetweenYears(
            Collection<String> tickers, Map<String, TreeMap<LocalDate, Map<Line, Double>>> years) {
        LocalDate since = years.values().stream()
                .filter(stated -> stated.size() > 1)
                .map(TreeMap::firstKey)
                .min(LocalDate::compareTo)
                .orElse(null);
        if (since == null) {
            return Map.of();
        }
        Map<String, List<ShareSplit>> splitsByTicker = new HashMap<>();
        jdbc.sql(splits).param("tickers", tickers).param("since", since).query((ResultSet row) -> {
            String ticker = row.getString(1);
            LocalDate date = row.getObject(2, LocalDate.class);
            TreeMap<LocalDate, Map<Line, Double>> stated = years.get(ticker);
            if (stated != null
                    && stated.size() > 1
                    && date.isAfter(stated.firstKey())
                    && !date.isAfter(stated.lastKey())) {
                splitsByTicker
                        .computeIfAbsent(ticker, key -> new ArrayList<>())
                        .add(new ShareSplit(date, row.getInt(3), row.getInt(4)));
            }
        });
        return splitsByTicker;
    }

    private static @Nullable FiscalYear year(Map.@Nullable Entry<LocalDate, Map<Line, Double>> entry) {
        return entry == null ? null : new FiscalYear(entry.getKey(), entry.getValue());
    }

    private static @Nullable Double number(ResultSet row, int column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }
}
