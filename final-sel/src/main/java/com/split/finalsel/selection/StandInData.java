package com.split.finalsel.selection;

import com.split.finalsel.series.PriceSeries;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Builds and fills, in one schema, the tables final-sel reads but does not own: split_stocks from yahoo-gateway's own
 * migration (its plain jar on the classpath) and a stand-in {@code initial_filtration} with the contract's columns.
 * For the selection benchmark and the tests; the service never runs it.
 */
final class StandInData {

    private final JdbcTemplate jdbc;

    StandInData(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Creates the tables; the schema may already hold final_selections (hence the baseline). */
    static StandInData create(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/split_stocks")
                .table("flyway_history_split_stocks")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        new ResourceDatabasePopulator(
                        new ClassPathResource("com/split/finalsel/selection/initial-filtration-contract.sql"))
                .execute(dataSource);
        return new StandInData(dataSource);
    }

    /** Daily bars with these adjusted closes (the other prices follow the close), in multi-row batches. */
    void bars(PriceSeries series) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            double close = series.close(i);
            rows.add(new Object[] {series.ticker(), series.date(i), close, close, close, close, close, 1_000_000L});
        }
        jdbc.batchUpdate("""
                        INSERT INTO stock_prices (ticker, date, open, high, low, close, adj_close, volume)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    void fundamentals(
            String ticker,
            LocalDate asOf,
            @Nullable Double trailingPe,
            @Nullable Double returnOnEquity,
            @Nullable Double profitMargin) {
        jdbc.update("""
                        INSERT INTO fundamentals (ticker, as_of, provider, trailing_pe, return_on_equity, profit_margin)
                        VALUES (?, ?, 'offline', ?, ?, ?)""", ticker, asOf, trailingPe, returnOnEquity, profitMargin);
    }

    /** One {@code initial_filtration} row, as init-filter would write it. */
    void filterResult(
            String userId, String sessionId, String ticker, boolean passed, double score, String reasonsJson) {
        String now = SelectionRepository.utc(Instant.now());
        jdbc.update("""
                        INSERT INTO initial_filtration (user_id, session_id, ticker, normalized_score, passed,
                            reasons_json, inputs_digest, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", statement -> {
            statement.setString(1, userId);
            statement.setString(2, sessionId);
            statement.setString(3, ticker);
            statement.setDouble(4, score);
            statement.setBoolean(5, passed);
            statement.setString(6, reasonsJson);
            statement.setString(7, Integer.toHexString(reasonsJson.hashCode()));
            statement.setString(8, now);
            statement.setString(9, now);
        });
    }
}
