package com.split.bench;

import com.split.yahoo.market.Fetched;
import com.split.yahoo.market.MarketDataProperties;
import com.split.yahoo.market.OfflineMarketDataProvider;
import com.split.yahoo.market.PriceHistory;
import com.split.yahoo.stocks.PriceFetcher;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code store}: how fast daily bars are fetched from the offline provider and stored, by the {@link PriceFetcher} a
 * {@code fetch_prices} task runs, for many tickers at once, in a throwaway schema. Run by {@code bin/yahoo-bench}.
 */
@Command(
        name = "store",
        description = {
            "How fast yahoo-gateway fetches daily bars and stores them (bin/yahoo-bench).",
            "The PriceFetcher of a fetch_prices task, many tickers at once, then a rerun that finds them current."
        })
final class StoreBench extends ServiceBench {

    @Option(names = "--threads", defaultValue = "2", description = "fetching at once")
    private int threads;

    StoreBench() {
        super("yahoo_bench", "db/migration/split_stocks");
    }

    @Override
    protected void check() {
        super.check();
        atLeast("--threads", threads, 1);
    }

    @Override
    protected int connections() {
        return threads + 1;
    }

    @Override
    protected void measure(String server, HikariDataSource dataSource) {
        int years = years();
        out().printf(
                        "yahoo-bench: %d tickers x %d years of daily bars, %d threads, %s%n",
                        tickers(), years, threads, server);
        MarketDataProperties properties = new MarketDataProperties(
                MarketDataProperties.Provider.OFFLINE,
                Period.ofYears(years),
                Period.ofDays(7),
                ZoneId.of("America/New_York"),
                LocalTime.of(16, 0));
        OfflineMarketDataProvider provider = new OfflineMarketDataProvider();
        PriceFetcher fetcher = PriceFetcher.standalone(dataSource, provider, properties);
        List<String> symbols = SyntheticMarket.tickers(tickers());
        Instant now = Instant.now();
        LocalDate today = properties.calendar().today(now);

        report(
                "generate only (offline provider, one thread)",
                Timed.of(() -> symbols.stream()
                        .mapToLong(symbol -> ((Fetched.Found<PriceHistory>)
                                        provider.prices(symbol, today.minusYears(years), today))
                                .value()
                                .bars()
                                .size())
                        .sum()));
        try (ExecutorService fetching = Executors.newFixedThreadPool(threads)) {
            report(
                    "fetch + store (PriceFetcher, batch upserts)",
                    Timed.of(() -> fetchAll(fetching, fetcher, symbols, now)));
            long rows = new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM stock_prices", Long.class);
            out().printf("  stock_prices holds %,d rows%n", rows);
            report("rerun, every ticker current (NO_DATA)", Timed.of(() -> fetchAll(fetching, fetcher, symbols, now)));
        }
    }

    /** Every ticker's fetch on the pool; the rows stored. */
    private static long fetchAll(ExecutorService pool, PriceFetcher fetcher, List<String> symbols, Instant now) {
        List<CompletableFuture<Integer>> rows = symbols.stream()
                .map(symbol -> CompletableFuture.supplyAsync(
                        () -> fetcher.fetch(symbol, now).rows(), pool))
                .toList();
        return rows.stream().mapToLong(CompletableFuture::join).sum();
    }

    private void report(String phase, Timed<Long> bars) {
        double seconds = bars.seconds();
        int tickers = tickers();
        out().printf(
                        "%-48s %6.2f s  %,10.0f bars/s  %,8.0f tickers/s  %,8.0f ticker-years/s  (%,d bars)%n",
                        phase,
                        seconds,
                        bars.value() / seconds,
                        tickers / seconds,
                        tickers * years() / seconds,
                        bars.value());
    }
}
