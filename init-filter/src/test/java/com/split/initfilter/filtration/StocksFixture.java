package com.split.initfilter.filtration;

import com.split.initfilter.screening.Line;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes known data into split_stocks' tables as yahoo-gateway would have stored it. */
record StocksFixture(JdbcClient jdbc) {

    /** {@code count} weekday bars up to {@code last}, each at this close and volume. */
    void bars(String ticker, LocalDate last, int count, double close, long volume) {
        LocalDate date = last;
        for (int i = 0; i < count; i++) {
            while (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
                date = date.minusDays(1);
            }
            jdbc.sql("""
                            INSERT INTO stock_prices (ticker, date, open, high, low, close, adj_close, volume)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(ticker, date, close, close, close, close, close, volume)
                    .update();
            date = date.minusDays(1);
        }
    }

    void statistics(
            String ticker,
            LocalDate asOf,
            @Nullable String sector,
            @Nullable Double marketCap,
            @Nullable Double roe,
            @Nullable Double roa,
            @Nullable Double debtToEquity,
            @Nullable Double operatingCashFlow,
            @Nullable Double averageVolume) {
        jdbc.sql("""
                        INSERT INTO fundamentals (ticker, as_of, provider, sector, market_cap, return_on_equity,
                            return_on_assets, debt_to_equity, operating_cash_flow, average_volume)
                        VALUES (?, ?, 'offline', ?, ?, ?, ?, ?, ?, ?)""")
                .params(ticker, asOf, sector, marketCap, roe, roa, debtToEquity, operatingCashFlow, averageVolume)
                .update();
    }

    void year(String ticker, LocalDate periodEnd, Map<Line, Double> lines) {
        lines.forEach((line, value) -> line(ticker, periodEnd, line.key(), value));
    }

    void line(String ticker, LocalDate periodEnd, String line, double value) {
        jdbc.sql("INSERT INTO statement_lines (ticker, period_end, line, value) VALUES (?, ?, ?, ?)")
                .params(ticker, periodEnd, line, value)
                .update();
    }

    void split(String ticker, LocalDate date, int numerator, int denominator) {
        jdbc.sql("INSERT INTO splits (ticker, date, numerator, denominator) VALUES (?, ?, ?, ?)")
                .params(ticker, date, numerator, denominator)
                .update();
    }
}
