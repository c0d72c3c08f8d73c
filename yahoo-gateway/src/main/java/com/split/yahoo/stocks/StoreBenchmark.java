package com.split.yahoo.stocks;

import com.split.yahoo.market.Fetched;
import com.split.yahoo.market.MarketDataProperties;
import com.split.yahoo.market.OfflineMarketDataProvider;
import com.split.yahoo.market.PriceHistory;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How fast daily bars are fetched from the offline provider and stored: the {@link PriceFetcher} a {@code fetch_prices}
 * task runs, for many tickers at once, against a throwaway schema that is dropped afterwards. Run by
 * {@code bin/yahoo-bench}; options {@code --tickers 500 --years 2 --threads 2 --url jdbc:mysql://127.0.0.1:3306/
 * --user split_test --password split_test}.
 */
public final class StoreBenchmark {

    private StoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of(
                "tickers", "500",
                "years", "2",
                "threads", "2",
                "url", "jdbc:mysql://127.0.0.1:3306/",
                "user", "split_test",
                "password", "split_test"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !options.containsKey(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        int tickers = Integer.parseInt(options.get("tickers"));
        int years = Integer.parseInt(options.get("years"));
        int threads = Integer.parseInt(options.get("threads"));
        String url = options.get("url");
        String schema = "yahoo_bench_" + UUID.randomUUID().toString().substring(0, 8);

        try (Connection admin = DriverManager.getConnection(url, options.get("user"), options.get("password"));
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + schema);
            try (HikariDataSource dataSource = new HikariDataSource()) {
                dataSource.setJdbcUrl(url + schema);
                dataSource.setUsername(options.get("user"));
                dataSource.setPassword(options.get("password"));
                dataSource.setMaximumPoolSize(threads + 1);
                // As the service configures it: one multi-row statement per batch, UTC for updated_at.
                dataSource.addDataSourceProperty("rewriteBatchedStatements", "true");
                dataSource.setConnectionInitSql("SET time_zone = '+00:00'");
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations("classpath:db/migration/split_stocks")
                        .load()
                        .migrate();
                System.out.printf(
                        "yahoo-bench: %d tickers x %d years of daily bars, %d threads, %s (%s)%n",
                        tickers, years, threads, url, admin.getMetaData().getDatabaseProductVersion());
                run(dataSource, symbols(tickers), years, threads);
            } finally {
                statement.execute("DROP DATABASE " + schema);
            }
        }
    }

    private static void run(HikariDataSource dataSource, List<String> symbols, int years, int threads)
            throws Exception {
        MarketDataProperties properties = new MarketDataProperties(
                MarketDataProperties.Provider.OFFLINE,
                Period.ofYears(years),
                Period.ofDays(7),
                ZoneId.of("America/New_York"),
                LocalTime.of(16, 0));
        OfflineMarketDataProvider provider = new OfflineMarketDataProvider();
        StockRepository stocks = new StockRepository(
                new JdbcTemplate(dataSource), new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        PriceFetcher fetcher = new PriceFetcher(provider, stocks, properties.calendar(), properties);
        Instant now = Instant.now();
        LocalDate today = properties.calendar().today(now);

        long start = System.nanoTime();
        long generated = 0;
        for (String symbol : symbols) {
            generated += ((Fetched.Found<PriceHistory>) provider.prices(symbol, today.minusYears(years), today))
                    .value()
                    .bars()
                    .size();
        }
        report("generate only (offline provider, one thread)", symbols.size(), generated, years, start);

        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            start = System.nanoTime();
            long stored = fetchAll(pool, fetcher, symbols, now);
            report("fetch + store (PriceFetcher, batch upserts)", symbols.size(), stored, years, start);
            long rows = new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM stock_prices", Long.class);
            System.out.printf("  stock_prices holds %,d rows%n", rows);

            start = System.nanoTime();
            fetchAll(pool, fetcher, symbols, now);
            report("rerun, every ticker current (NO_DATA)", symbols.size(), 0, years, start);
        }
    }

    private static long fetchAll(ExecutorService pool, PriceFetcher fetcher, List<String> symbols, Instant now)
            throws Exception {
        List<Future<TickerReport>> reports = new ArrayList<>();
        for (String symbol : symbols) {
            reports.add(pool.submit(() -> fetcher.fetch(symbol, now)));
        }
        long rows = 0;
        for (Future<TickerReport> report : reports) {
            rows += report.get().rows();
        }
        return rows;
    }

    private static void report(String phase, int tickers, long bars, int years, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf(
                "%-48s %6.2f s  %,10.0f bars/s  %,8.0f tickers/s  %,8.0f ticker-years/s  (%,d bars)%n",
                phase, seconds, bars / seconds, tickers / seconds, tickers * years / seconds, bars);
    }

    /** Made-up symbols AAAA, AAAB, …: the offline provider gives each its own series. */
    private static List<String> symbols(int count) {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder symbol = new StringBuilder();
            for (int n = i, letter = 0; letter < 4; letter++, n /= 26) {
                symbol.insert(0, (char) ('A' + n % 26));
            }
            symbols.add(symbol.toString());
        }
        return symbols;
    }
}
