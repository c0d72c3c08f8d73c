package com.split.bench;

import com.split.initfilter.screening.Line;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Synthetic split_stocks rows with the variety a real universe has, the same for every run: a random walk of
 * weekday bars, three days of fundamentals rows, three fiscal years of statements, a split here and there. One
 * ticker in fifty has nothing stored and one in twelve no fundamentals; prices, volumes, leverage and
 * profitability are spread so that every gate passes some and fails others.
 */
record Seeder(JdbcTemplate jdbc, int years) {

    private static final String[] SECTORS = {
        "Technology",
        "Healthcare",
        "Financial Services",
        "Consumer Cyclical",
        "Consumer Defensive",
        "Industrials",
        "Energy",
        "Utilities",
        "Communication Services",
        "Real Estate"
    };

    long seed(List<String> tickers) {
        LocalDate today = SyntheticMarket.today();
        List<LocalDate> days = SyntheticMarket.weekdays(years);
        SplittableRandom random = new SplittableRandom(42);
        List<Object[]> bars = new ArrayList<>();
        List<Object[]> fundamentals = new ArrayList<>();
        List<Object[]> lines = new ArrayList<>();
        List<Object[]> splits = new ArrayList<>();
        long total = 0;
        for (String ticker : tickers) {
            SplittableRandom company = random.split();
            if (company.nextInt(50) == 0) {
                continue;
            }
            double price = Math.exp(uniform(company, Math.log(2), Math.log(400)));
            double volume = Math.exp(uniform(company, Math.log(2e4), Math.log(5e7)));
            for (LocalDate day : days) {
                price *= Math.exp(0.0003 + 0.02 * company.nextGaussian());
                long shares = Math.round(volume * Math.exp(0.3 * company.nextGaussian()));
                double close = Math.rint(price * 100) / 100;
                bars.add(new Object[] {ticker, day, close, close, close, close, close, shares});
            }
            total += days.size();
            flush(bars, 5000, this::insertBars);
            if (company.nextInt(12) == 0) {
                continue;
            }
            String sector = SECTORS[company.nextInt(SECTORS.length)];
            double revenue = Math.exp(uniform(company, Math.log(1e8), Math.log(1e11)));
            double assets = revenue * uniform(company, 0.6, 2.5);
            double equity = assets * uniform(company, 0.15, 0.7);
            double roe = 0.12 + 0.12 * company.nextGaussian();
            for (int back = 2; back >= 0; back--) {
                fundamentals.add(new Object[] {
                    ticker,
                    today.minusDays(back),
                    sector,
                    price * revenue / 20,
                    roe,
                    roe * equity / assets,
                    (assets - equity) * 0.5 / equity,
                    revenue * (0.1 + 0.1 * company.nextGaussian()),
                    volume
                });
            }
            LocalDate yearEnd = LocalDate.of(today.getYear() - 1, 12, 31);
            for (int year = 0; year < 3; year++) {
                double growth = Math.exp(0.08 * company.nextGaussian());
                Map<Line, Double> statement = statement(company, revenue * growth, assets * growth, equity);
                LocalDate end = yearEnd.minusYears(year);
                statement.forEach((line, value) -> {
                    if (company.nextInt(40) != 0) {
                        lines.add(new Object[] {ticker, end, line.key(), Math.rint(value)});
                    }
                });
            }
            if (company.nextInt(10) == 0) {
                splits.add(new Object[] {ticker, yearEnd.minusMonths(5), 2, 1});
            }
        }
        flush(bars, 1, this::insertBars);
        jdbc.batchUpdate("""
                        INSERT INTO fundamentals (ticker, as_of, provider, sector, market_cap, return_on_equity,
                            return_on_assets, debt_to_equity, operating_cash_flow, average_volume)
                        VALUES (?, ?, 'bench', ?, ?, ?, ?, ?, ?, ?)""", fundamentals);
        jdbc.batchUpdate("INSERT INTO statement_lines (ticker, period_end, line, value) VALUES (?, ?, ?, ?)", lines);
        jdbc.batchUpdate("INSERT INTO splits (ticker, date, numerator, denominator) VALUES (?, ?, ?, ?)", splits);
        return total;
    }

    private void insertBars(List<Object[]> bars) {
        jdbc.batchUpdate(
                "INSERT INTO stock_prices (ticker, date, open, high, low, close, adj_close, volume)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                bars);
    }

    private static void flush(List<Object[]> rows, int atLeast, Consumer<List<Object[]>> insert) {
        if (!rows.isEmpty() && rows.size() >= atLeast) {
            insert.accept(rows);
            rows.clear();
        }
    }

    /** One fiscal year of a company in the shape yahoo-gateway stores. */
    private static Map<Line, Double> statement(SplittableRandom company, double revenue, double assets, double equity) {
        double margin = 0.05 + 0.25 * company.nextDouble();
        double ebit = revenue * (margin - 0.08 + 0.1 * company.nextGaussian());
        double currentAssets = assets * uniform(company, 0.2, 0.5);
        double currentLiabilities = currentAssets / uniform(company, 0.7, 2.5);
        double liabilities = assets - equity;
        double shares = 1e9 * uniform(company, 0.1, 5);
        Map<Line, Double> lines = new LinkedHashMap<>();
        lines.put(Line.TOTAL_ASSETS, assets);
        lines.put(Line.CURRENT_ASSETS, currentAssets);
        lines.put(Line.CURRENT_LIABILITIES, currentLiabilities);
        lines.put(Line.LONG_TERM_DEBT, liabilities * uniform(company, 0.2, 0.6));
        lines.put(Line.STOCKHOLDERS_EQUITY, equity);
        lines.put(Line.RETAINED_EARNINGS, equity * uniform(company, -0.2, 0.9));
        lines.put(Line.WORKING_CAPITAL, currentAssets - currentLiabilities);
        lines.put(Line.TOTAL_LIABILITIES, liabilities);
        lines.put(Line.ORDINARY_SHARES_NUMBER, shares);
        lines.put(Line.DILUTED_AVERAGE_SHARES, shares * 1.01);
        lines.put(Line.TOTAL_REVENUE, revenue);
        lines.put(Line.GROSS_PROFIT, revenue * (margin + 0.2));
        lines.put(Line.NET_INCOME, ebit * 0.79);
        lines.put(Line.EBIT, ebit);
        lines.put(Line.OPERATING_CASH_FLOW, ebit * 0.79 + assets * 0.04);
        return lines;
    }

    private static double uniform(SplittableRandom random, double min, double max) {
        return min + (max - min) * random.nextDouble();
    }
}
