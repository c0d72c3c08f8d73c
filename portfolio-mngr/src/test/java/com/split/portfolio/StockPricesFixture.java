package com.split.portfolio;

import com.split.yahoo.stocks.StocksSchema;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * yahoo-gateway's stock tables in the test's schema, from its own migration (its plain jar on the classpath), with
 * weekday closes: what the page's price chart reads.
 */
public final class StockPricesFixture {

    private final JdbcTemplate jdbc;

    private StockPricesFixture(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public static StockPricesFixture create(DataSource dataSource) {
        StocksSchema.migrate(dataSource);
        return new StockPricesFixture(dataSource);
    }

    /**
     * A close on each weekday from {@code from} to {@code to}, rising by 1 % a day from {@code first}; upserted, so
     * tests may share tickers.
     *
     * @return how many days were written
     */
    public int closes(String ticker, LocalDate from, LocalDate to, double first) {
        List<Object[]> rows = new ArrayList<>();
        double close = first;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                rows.add(new Object[] {ticker, day, close, close, close, close, close, 1_000_000L});
                close *= 1.01;
            }
        }
        jdbc.batchUpdate("""
                        INSERT INTO stock_prices (ticker, date, open, high, low, close, adj_close, volume)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON DUPLICATE KEY UPDATE adj_close = VALUES(adj_close)""", rows);
        return rows.size();
    }
}
