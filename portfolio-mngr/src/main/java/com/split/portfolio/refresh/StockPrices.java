package com.split.portfolio.refresh;

import com.split.portfolio.config.PortfolioProperties;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads yahoo-gateway's adjusted closes ({@code stock_prices} in {@code split.portfolio.stocks-schema}), which
 * portfolio-mngr may only select: the prices a run's screen used, for the page's chart.
 */
@Repository
class StockPrices {

    /** One ticker's adjusted closes, oldest first. */
    record Closes(List<LocalDate> dates, List<Double> adjClose) {}

    private final JdbcClient jdbc;
    private final String stocks;

    StockPrices(JdbcClient jdbc, PortfolioProperties properties) {
        this.jdbc = jdbc;
        // the schema name is validated by PortfolioProperties (letters, digits, _ and $): safe to quote into SQL
        this.stocks = properties.stocksSchema().isEmpty() ? "" : "`" + properties.stocksSchema() + "`.";
    }

    /** Each ticker's closes within its window, in one range read on the primary key over the windows' span. */
    Map<String, Closes> within(Map<String, PriceWindow> windows) {
        Map<String, Closes> closes = new HashMap<>();
        if (windows.isEmpty()) {
            return closes;
        }
        LocalDate from = windows.values().stream()
                .map(PriceWindow::from)
                .min(LocalDate::compareTo)
                .orElseThrow();
        LocalDate to = windows.values().stream()
                .map(PriceWindow::to)
                .max(LocalDate::compareTo)
                .orElseThrow();
        windows.keySet().forEach(ticker -> closes.put(ticker, new Closes(new ArrayList<>(), new ArrayList<>())));
        jdbc.sql("""
                        SELECT ticker, date, adj_close FROM %sstock_prices
                        WHERE ticker IN (:tickers) AND date BETWEEN :from AND :to AND adj_close > 0
                        ORDER BY ticker, date""".formatted(stocks))
                .param("tickers", List.copyOf(windows.keySet()))
                .param("from", from)
                .param("to", to)
                .query(row -> {
                    String ticker = row.getString(1);
                    LocalDate date = row.getObject(2, LocalDate.class);
                    PriceWindow window = windows.get(ticker);
                    if (!date.isBefore(window.from()) && !date.isAfter(window.to())) {
                        Closes each = closes.get(ticker);
                        each.dates().add(date);
                        each.adjClose().add(row.getDouble(3));
                    }
                });
        return closes;
    }
}
