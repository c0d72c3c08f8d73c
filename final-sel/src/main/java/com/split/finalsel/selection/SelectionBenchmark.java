package com.split.finalsel.selection;

import com.split.finalsel.SelectionProperties;
import com.split.finalsel.portfolio.PortfolioWeigher;
import com.split.finalsel.portfolio.Weighting;
import com.split.finalsel.scoring.Decision;
import com.split.finalsel.series.PriceSeries;
import com.split.finalsel.series.Returns;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast a session is selected: {@link FinalSelection} as the worker runs it, on a throwaway schema (dropped
 * afterwards) seeded with synthetic bars (one market factor plus each name's own noise), fundamentals and
 * {@code initial_filtration} rows for many tickers, most of them passing. Times a first selection (cold JIT), a second
 * one of another session (warm), a rerun of it (inputs unchanged: NO_DATA) and, on its own, the weighting of the Buy
 * set. Run by {@code bin/selection-bench}; options {@code --tickers 500 --years 2 --passing 0.9 --seed 1
 * --buy-threshold 0.60 --url jdbc:mysql://127.0.0.1:3306/ --user split_test --password split_test}; a lower buy
 * threshold (above 0.45 with the other defaults) makes a larger Buy set.
 */
public final class SelectionBenchmark {

    private SelectionBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                "tickers", "500",
                "years", "2",
                "passing", "0.9",
                "seed", "1",
                "buy-threshold", "0.60",
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
        double passing = Double.parseDouble(options.get("passing"));
        long seed = Long.parseLong(options.get("seed"));
        String url = options.get("url");
        String schema = "selection_bench_" + UUID.randomUUID().toString().substring(0, 8);

        try (Connection admin = DriverManager.getConnection(url, options.get("user"), options.get("password"));
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + schema);
            try (HikariDataSource dataSource = new HikariDataSource()) {
                dataSource.setJdbcUrl(url + schema);
                dataSource.setUsername(options.get("user"));
                dataSource.setPassword(options.get("password"));
                dataSource.setMaximumPoolSize(2);
                // as application.properties configures the service
                dataSource.addDataSourceProperty("rewriteBatchedStatements", "true");
                dataSource.setConnectionInitSql("SET time_zone = '+00:00'");
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations("classpath:db/migration/split_math_core/final_selections")
                        .table("flyway_history_final_selections")
                        .load()
                        .migrate();
                StandInData data = StandInData.create(dataSource);
                System.out.printf(
                        "selection-bench: %d tickers x %d years, %.0f%% passing the filter, %s (%s)%n",
                        tickers, years, passing * 100, url, admin.getMetaData().getDatabaseProductVersion());
                long seeding = System.nanoTime();
                List<String> symbols = seed(data, tickers, years, passing, seed);
                System.out.printf("  seeded in %.1f s%n", (System.nanoTime() - seeding) / 1e9);
                run(dataSource, symbols, options.get("buy-threshold"));
            } finally {
                statement.execute("DROP DATABASE " + schema);
            }
        }
    }

    private static void run(HikariDataSource dataSource, List<String> symbols, String buyThreshold) {
        // one schema holds everything, as in the tests
        SelectionProperties properties = new Binder(new MapConfigurationPropertySource(
                        Map.of("split.selection.stocks-schema", "", "split.selection.buy-threshold", buyThreshold)))
                .bindOrCreate("split.selection", SelectionProperties.class);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        SelectionInputsRepository inputs = new SelectionInputsRepository(jdbc, properties);
        FinalSelection selection = new FinalSelection(
                inputs,
                new SelectionRepository(
                        jdbc,
                        new JdbcTemplate(dataSource),
                        new TransactionTemplate(new DataSourceTransactionManager(dataSource))),
                properties,
                new SelectionMetrics(new SimpleMeterRegistry()),
                Clock.systemUTC());

        long start = System.nanoTime();
        SelectionRun cold = selection.select("bench", "bench-1", symbols, () -> {});
        double coldSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        SelectionRun warm = selection.select("bench", "bench-2", symbols, () -> {});
        double warmSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        SelectionRun rerun = selection.select("bench", "bench-2", symbols, () -> {});
        double rerunSeconds = (System.nanoTime() - start) / 1e9;
        if (rerun.written()) {
            throw new IllegalStateException("the rerun of an unchanged session wrote rows");
        }

        // the weighting alone, on the warm session's Buy set, as the selection did it
        List<String> buys = warm.recommendations().stream()
                .filter(r -> r.decision() == Decision.BUY)
                .map(Recommendation::ticker)
                .toList();
        Map<String, PriceSeries> prices = inputs.prices(buys, properties.barsNeeded());
        Map<String, Double> volatilities = new HashMap<>();
        prices.forEach((ticker, series) -> Returns.annualizedVolatility(
                        series.closes(), properties.risk().lookback(), properties.tradingDaysPerYear())
                .ifPresent(vol -> volatilities.put(ticker, vol)));
        SelectionProperties.Weighting settings = properties.weighting();
        PortfolioWeigher weigher = new PortfolioWeigher(settings.cap(), settings.window(), settings.minObservations());
        double weighingSeconds = Double.MAX_VALUE;
        Weighting weighting = null;
        for (int i = 0; i < 3; i++) {
            start = System.nanoTime();
            weighting = weigher.weigh(buys, prices, volatilities);
            weighingSeconds = Math.min(weighingSeconds, (System.nanoTime() - start) / 1e9);
        }
        long positions =
                weighting.weights().values().stream().filter(w -> w > 1e-6).count();

        System.out.printf(
                Locale.ROOT,
                "  first session (cold JVM) %.2f s (%.0f tickers/s, weighting %.2f s); second session %.2f s"
                        + " (%.0f tickers/s, weighting %.2f s); rerun, inputs unchanged (NO_DATA) %.2f s%n",
                coldSeconds,
                symbols.size() / coldSeconds,
                cold.weighingNanos() / 1e9,
                warmSeconds,
                symbols.size() / warmSeconds,
                warm.weighingNanos() / 1e9,
                rerunSeconds);
        System.out.printf(
                Locale.ROOT,
                "  Buy %d, Hold %d, Sell %d; %s; weighting alone %.3f s (best of 3), %d names above 0%n",
                warm.count(Decision.BUY),
                warm.count(Decision.HOLD),
                warm.count(Decision.SELL),
                warm.weighting().reason(),
                weighingSeconds,
                positions);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("tickers", symbols.size());
        figures.put("buy", warm.count(Decision.BUY));
        figures.put("hold", warm.count(Decision.HOLD));
        figures.put("sell", warm.count(Decision.SELL));
        figures.put("weighting", warm.weighting().method().wireName());
        figures.put("positions", positions);
        figures.put("cold_s", round(coldSeconds));
        figures.put("cold_tickers_per_s", Math.round(symbols.size() / coldSeconds));
        figures.put("total_s", round(warmSeconds));
        figures.put("tickers_per_s", Math.round(symbols.size() / warmSeconds));
        figures.put("weighting_s", round(weighingSeconds));
        figures.put("rerun_no_data_s", round(rerunSeconds));
        // what task_finished carries: the bus refuses envelopes over split.bus.max-envelope-size (256 KiB)
        figures.put("details_bytes", JsonMapper.shared().writeValueAsBytes(warm.details()).length);
        System.out.println(JsonMapper.shared().writeValueAsString(figures));
    }

    /**
     * Made-up symbols AAAA, AAAB, … with weekday bars over {@code years}, a fundamentals row and an
     * {@code initial_filtration} row for two sessions each.
     */
    private static List<String> seed(StandInData data, int count, int years, double passing, long seed) {
        Random random = new Random(seed);
        LocalDate last = LocalDate.now();
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate day = last.minusYears(years); !day.isAfter(last); day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() <= 5) {
                dates.add(day);
            }
        }
        double[] market = new double[dates.size()];
        for (int t = 0; t < market.length; t++) {
            market[t] = random.nextGaussian() * 0.01;
        }
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String symbol = symbol(i);
            symbols.add(symbol);
            double beta = 0.5 + random.nextDouble();
            double own = 0.008 + random.nextDouble() * 0.02; // with the market: 15 to 45 % a year
            double drift = (random.nextDouble() - 0.4) * 0.002;
            double[] closes = new double[dates.size()];
            closes[0] = 20 + random.nextDouble() * 200;
            for (int t = 1; t < closes.length; t++) {
                closes[t] = closes[t - 1] * Math.exp(drift + beta * market[t] + own * random.nextGaussian());
            }
            data.bars(new PriceSeries(symbol, dates, closes));
            boolean loss = random.nextDouble() < 0.1;
            data.fundamentals(
                    symbol,
                    last,
                    loss ? null : 8 + random.nextDouble() * 32,
                    loss ? -random.nextDouble() * 0.1 : random.nextDouble() * 0.35,
                    loss ? -random.nextDouble() * 0.1 : random.nextDouble() * 0.3);
            boolean passed = random.nextDouble() < passing;
            double zone = random.nextDouble();
            String reasons = (passed ? FilterReasons.passing() : FilterReasons.failing("liquidity: ADV$ 20d < 5e6"))
                    .piotroski(3 + random.nextInt(7), 9)
                    .altman(
                            zone < 0.05 ? 1.2 : zone < 0.15 ? 2.4 : 3.5,
                            zone < 0.05 ? "distress" : zone < 0.15 ? "grey" : "safe")
                    .json();
            for (String session : List.of("bench-1", "bench-2")) {
                data.filterResult("bench", session, symbol, passed, random.nextDouble(), reasons);
            }
        }
        return symbols;
    }

    private static String symbol(int index) {
        StringBuilder symbol = new StringBuilder();
        for (int n = index, letter = 0; letter < 4; letter++, n /= 26) {
            symbol.insert(0, (char) ('A' + n % 26));
        }
        return symbol.toString();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
