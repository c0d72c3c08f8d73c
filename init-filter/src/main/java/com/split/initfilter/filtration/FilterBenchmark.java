package com.split.initfilter.filtration;

import com.split.initfilter.screening.FilterProperties;
import com.split.initfilter.screening.Line;
import com.split.initfilter.screening.Screener;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast a whole session is screened: the {@link SessionFilter} an {@code initial_filter} task runs (reads, screen,
 * upserts; not Redis), for many tickers, against a throwaway schema that is dropped afterwards. Seeds synthetic bars,
 * fundamentals, statement lines and splits first. Run by {@code bin/filter-bench}, which puts yahoo-gateway's jar on
 * the path for the split_stocks migration; options {@code --tickers 500 --years 2 --runs 5
 * --url jdbc:mysql://127.0.0.1:3306/ --user split_test --password split_test --keep-schema false}; {@code
 * --keep-schema true} keeps the schema for a look afterwards.
 */
public final class FilterBenchmark {

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

    private FilterBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of(
                "tickers", "500",
                "years", "2",
                "runs", "5",
                "keep-schema", "false",
                "url", "jdbc:mysql://127.0.0.1:3306/",
                "user", "split_test",
                "password", "split_test"));
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || !options.containsKey(args[i].substring(2)) || i + 1 == args.length) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        int tickers = Integer.parseInt(options.get("tickers"));
        int years = Integer.parseInt(options.get("years"));
        int runs = Integer.parseInt(options.get("runs"));
        String url = options.get("url");
        String schema = "filter_bench_" + UUID.randomUUID().toString().substring(0, 8);

        try (Connection admin = DriverManager.getConnection(url, options.get("user"), options.get("password"));
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + schema);
            try (HikariDataSource dataSource = new HikariDataSource()) {
                dataSource.setJdbcUrl(url + schema);
                dataSource.setUsername(options.get("user"));
                dataSource.setPassword(options.get("password"));
                dataSource.setMaximumPoolSize(2);
                // As the service configures it: one multi-row statement per batch, UTC for the DATETIME columns.
                dataSource.addDataSourceProperty("rewriteBatchedStatements", "true");
                dataSource.setConnectionInitSql("SET time_zone = '+00:00'");
                migrate(
                        dataSource,
                        "db/migration/split_math_core/initial_filtration",
                        "flyway_history_initial_filtration");
                migrate(dataSource, "db/migration/split_stocks", "flyway_history_split_stocks");
                System.out.printf(
                        "filter-bench: %d tickers x %d years, %s (%s)%n",
                        tickers, years, url, admin.getMetaData().getDatabaseProductVersion());
                run(dataSource, tickers, years, runs);
            } finally {
                if (Boolean.parseBoolean(options.get("keep-schema"))) {
                    System.out.println("  kept schema " + schema);
                } else {
                    statement.execute("DROP DATABASE " + schema);
                }
            }
        }
    }

    /** Each owner's migrations with its own history table, as the services and the tests run them. */
    private static void migrate(HikariDataSource dataSource, String location, String table) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + location)
                .table(table)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    private static void run(HikariDataSource dataSource, int tickerCount, int years, int runs) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> tickers = symbols(tickerCount);
        long start = System.nanoTime();
        long bars = new Seeder(jdbc, years).seed(tickers);
        double seedSeconds = seconds(start);
        System.out.printf("  seeded %,d bars, fundamentals and statement lines in %.2f s%n", bars, seedSeconds);

        // The service's defaults, in the one schema that holds everything here.
        FilterProperties properties = new Binder(
                        new MapConfigurationPropertySource(Map.of("split.filter.stocks-schema", "")))
                .bindOrCreate("split.filter", FilterProperties.class);
        MeterRegistry registry = new SimpleMeterRegistry();
        JdbcClient client = JdbcClient.create(dataSource);
        SessionFilter filter = new SessionFilter(
                new StocksReader(client, properties),
                new FiltrationRepository(
                        client, jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource))),
                new Screener(properties),
                properties,
                new FilterMetrics(registry),
                Clock.systemUTC());

        start = System.nanoTime();
        SessionFilter.Run first = filter.filter("bench", "bench-0", tickers, () -> {});
        double cold = seconds(start);
        Map<String, Double> coldPhases = phases(registry);
        registry.clear();
        start = System.nanoTime();
        SessionFilter.Run rerun = filter.filter("bench", "bench-0", tickers, () -> {});
        double unchanged = seconds(start);
        registry.clear();
        double[] warm = new double[runs];
        for (int i = 0; i < runs; i++) {
            start = System.nanoTime();
            filter.filter("bench", "bench-" + (i + 1), tickers, () -> {});
            warm[i] = seconds(start);
        }
        Arrays.sort(warm);
        double median = warm[runs / 2];
        int detailsBytes = JsonMapper.builder()
                .build()
                .writeValueAsString(first.details())
                .getBytes(StandardCharsets.UTF_8)
                .length;

        System.out.printf(
                "  first session (cold JVM)  %6.3f s  %,8.0f tickers/s  (%d rows written, %s)%n",
                cold, tickerCount / cold, first.written(), first.method().wireName());
        System.out.printf(
                "  rerun, inputs unchanged   %6.3f s  %,8.0f tickers/s  (%d rows written: NO_DATA)%n",
                unchanged, tickerCount / unchanged, rerun.written());
        System.out.printf(
                "  new session, warm x%d      %6.3f s  %,8.0f tickers/s  (median; best %.3f s)%n",
                runs, median, tickerCount / median, warm[0]);
        Map<String, Double> phases = phases(registry);
        System.out.printf(
                "  phases (ms), cold: read %.0f, screen %.0f, write %.0f; warm (mean): read %.0f, screen %.0f, write %.0f%n",
                coldPhases.get("read"),
                coldPhases.get("screen"),
                coldPhases.get("write"),
                phases.get("read"),
                phases.get("screen"),
                phases.get("write"));
        System.out.printf(
                "  passed %d, failed %d, unknown %d; task details %,d bytes%n",
                first.details().get("passed"),
                first.details().get("failed"),
                first.details().get("unknown"),
                detailsBytes);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tickers", tickerCount);
        json.put("years", years);
        json.put("bars", bars);
        json.put("seed_s", round(seedSeconds));
        json.put("cold_s", round(cold));
        json.put("rerun_no_data_s", round(unchanged));
        json.put("warm_median_s", round(median));
        json.put("warm_best_s", round(warm[0]));
        json.put("tickers_per_s", Math.round(tickerCount / median));
        json.put("cold_tickers_per_s", Math.round(tickerCount / cold));
        json.put("cold_phase_ms", coldPhases);
        json.put("warm_phase_ms", phases);
        json.put("passed", first.details().get("passed"));
        json.put("failed", first.details().get("failed"));
        json.put("unknown", first.details().get("unknown"));
        json.put("score_method", first.method().wireName());
        json.put("details_bytes", detailsBytes);
        System.out.println(JsonMapper.builder().build().writeValueAsString(json));
    }

    /** The mean time of each phase, in ms, since the registry was cleared. */
    private static Map<String, Double> phases(MeterRegistry registry) {
        Map<String, Double> phases = new LinkedHashMap<>();
        for (String phase : List.of("read", "screen", "write")) {
            Timer timer =
                    registry.find("split.filter.phase").tag("phase", phase).timer();
            phases.put(phase, timer == null ? 0 : round(timer.mean(TimeUnit.MILLISECONDS)));
        }
        return phases;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double round(double value) {
        return Math.rint(value * 1000) / 1000;
    }

    /** Made-up symbols AAAA, AAAB, … */
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

    /**
     * Synthetic split_stocks rows with the variety a real universe has, the same for every run: a random walk of
     * weekday bars, three days of fundamentals rows, three fiscal years of statements, a split here and there. One
     * ticker in fifty has nothing stored and one in twelve no fundamentals; prices, volumes, leverage and
     * profitability are spread so that every gate passes some and fails others.
     */
    private record Seeder(JdbcTemplate jdbc, int years) {

        long seed(List<String> tickers) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
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
                List<LocalDate> days = weekdays(today.minusYears(years), today);
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
            jdbc.batchUpdate(
                    "INSERT INTO statement_lines (ticker, period_end, line, value) VALUES (?, ?, ?, ?)", lines);
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
        private static Map<Line, Double> statement(
                SplittableRandom company, double revenue, double assets, double equity) {
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

        private static List<LocalDate> weekdays(LocalDate from, LocalDate to) {
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    days.add(day);
                }
            }
            return days;
        }

        private static double uniform(SplittableRandom random, double min, double max) {
            return min + (max - min) * random.nextDouble();
        }
    }
}
