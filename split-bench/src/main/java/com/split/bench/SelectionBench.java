package com.split.bench;

import com.split.finalsel.SelectionProperties;
import com.split.finalsel.fixtures.FilterReasons;
import com.split.finalsel.fixtures.StandInData;
import com.split.finalsel.portfolio.PortfolioWeigher;
import com.split.finalsel.portfolio.Weighting;
import com.split.finalsel.scoring.Decision;
import com.split.finalsel.selection.FinalSelection;
import com.split.finalsel.selection.Recommendation;
import com.split.finalsel.selection.SelectionRun;
import com.split.finalsel.series.PriceSeries;
import com.split.finalsel.series.Returns;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.NestedExceptionUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code selection}: how fast a session is selected, by {@link FinalSelection} as the worker runs it, in a throwaway
 * schema seeded with synthetic bars (one market factor plus each name's own noise), fundamentals and {@code
 * initial_filtration} rows for many tickers, most of them passing. Times a first selection (cold JIT), a second one of
 * another session (warm), a rerun of it (inputs unchanged: NO_DATA) and, on its own, the weighting of the Buy set. Run
 * by {@code bin/selection-bench}.
 */
@Command(
        name = "selection",
        description = {
            "How fast final-sel selects a session (bin/selection-bench).",
            "FinalSelection as the worker runs it, on synthetic bars, fundamentals and initial_filtration"
                    + " rows in a throwaway schema: a cold and a warm session, a rerun on unchanged inputs, and the"
                    + " weighting of the Buy set alone."
        })
final class SelectionBench extends ServiceBench {

    @Option(names = "--passing", defaultValue = "0.9", description = "share of tickers that passed the initial filter")
    private double passing;

    @Option(names = "--seed", defaultValue = "1", description = "of the synthetic data")
    private long seed;

    @Option(
            names = "--buy-threshold",
            defaultValue = "0.60",
            description = "split.selection.buy-threshold; lower (above 0.45 with the other defaults) makes a larger"
                    + " Buy set")
    private double buyThreshold;

    SelectionBench() {
        super("selection_bench", "db/migration/split_math_core/final_selections");
    }

    @Override
    protected void check() {
        super.check();
        require(passing >= 0 && passing <= 1, "--passing must be between 0 and 1, was " + passing);
        try {
            properties();
        } catch (RuntimeException e) {
            // such as a threshold at or below the sell threshold and the hysteresis band
            throw usage("--buy-threshold " + buyThreshold + ": "
                    + NestedExceptionUtils.getMostSpecificCause(e).getMessage());
        }
    }

    @Override
    protected void measure(String server, HikariDataSource dataSource) {
        StandInData data = StandInData.create(dataSource);
        out().printf(
                        "selection-bench: %d tickers x %d years, %.0f%% passing the filter, %s%n",
                        tickers(), years(), passing * 100, server);
        Timed<Map<String, PriceSeries>> seeded = Timed.of(() -> seed(data));
        out().printf("  seeded in %.1f s%n", seeded.seconds());
        select(dataSource, seeded.value());
    }

    /** The service's defaults but the buy threshold, in the one schema that holds everything here. */
    private SelectionProperties properties() {
        return new Binder(new MapConfigurationPropertySource(Map.of(
                        "split.selection.stocks-schema",
                        "",
                        "split.selection.buy-threshold",
                        Double.toString(buyThreshold))))
                .bindOrCreate("split.selection", SelectionProperties.class);
    }

    /** Selects the sessions; {@code seeded} holds each ticker's bars as stored. */
    private void select(HikariDataSource dataSource, Map<String, PriceSeries> seeded) {
        SelectionProperties properties = properties();
        FinalSelection selection = FinalSelection.standalone(dataSource, properties, new SimpleMeterRegistry());
        List<String> symbols = List.copyOf(seeded.keySet());

        Timed<SelectionRun> cold = Timed.of(() -> selection.select("bench", "bench-1", symbols, () -> {}));
        Timed<SelectionRun> warm = Timed.of(() -> selection.select("bench", "bench-2", symbols, () -> {}));
        Timed<SelectionRun> rerun = Timed.of(() -> selection.select("bench", "bench-2", symbols, () -> {}));
        if (rerun.value().written()) {
            throw new IllegalStateException("the rerun of an unchanged session wrote rows");
        }

        // The weighting alone, on the warm session's Buy set, from the bars the selection read.
        List<String> buys = warm.value().recommendations().stream()
                .filter(r -> r.decision() == Decision.BUY)
                .map(Recommendation::ticker)
                .toList();
        Map<String, PriceSeries> prices = new HashMap<>();
        Map<String, Double> volatilities = new HashMap<>();
        for (String buy : buys) {
            PriceSeries series = seeded.get(buy).last(properties.barsNeeded());
            prices.put(buy, series);
            Returns.annualizedVolatility(series.closes(), properties.risk().lookback(), properties.tradingDaysPerYear())
                    .ifPresent(vol -> volatilities.put(buy, vol));
        }
        SelectionProperties.Weighting settings = properties.weighting();
        PortfolioWeigher weigher = new PortfolioWeigher(settings.cap(), settings.window(), settings.minObservations());
        Timed<Weighting> weighting = Stream.generate(() -> Timed.of(() -> weigher.weigh(buys, prices, volatilities)))
                .limit(3)
                .min(Comparator.comparingDouble(Timed::seconds))
                .orElseThrow();
        long positions = weighting.value().weights().values().stream()
                .filter(w -> w > 1e-6)
                .count();

        SelectionRun second = warm.value();
        out().printf(
                        Locale.ROOT,
                        "  first session (cold JVM) %.2f s (%.0f tickers/s, weighting %.2f s); second session %.2f s"
                                + " (%.0f tickers/s, weighting %.2f s); rerun, inputs unchanged (NO_DATA) %.2f s%n",
                        cold.seconds(),
                        symbols.size() / cold.seconds(),
                        cold.value().weighingNanos() / 1e9,
                        warm.seconds(),
                        symbols.size() / warm.seconds(),
                        second.weighingNanos() / 1e9,
                        rerun.seconds());
        out().printf(
                        Locale.ROOT,
                        "  Buy %d, Hold %d, Sell %d; %s; weighting alone %.3f s (best of 3), %d names above 0%n",
                        second.count(Decision.BUY),
                        second.count(Decision.HOLD),
                        second.count(Decision.SELL),
                        second.weighting().reason(),
                        weighting.seconds(),
                        positions);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("tickers", symbols.size());
        figures.put("buy", second.count(Decision.BUY));
        figures.put("hold", second.count(Decision.HOLD));
        figures.put("sell", second.count(Decision.SELL));
        figures.put("weighting", second.weighting().method().wireName());
        figures.put("positions", positions);
        figures.put("cold_s", Timed.round(cold.seconds()));
        figures.put("cold_tickers_per_s", Math.round(symbols.size() / cold.seconds()));
        figures.put("total_s", Timed.round(warm.seconds()));
        figures.put("tickers_per_s", Math.round(symbols.size() / warm.seconds()));
        figures.put("weighting_s", Timed.round(weighting.seconds()));
        figures.put("rerun_no_data_s", Timed.round(rerun.seconds()));
        // what task_finished carries: the bus refuses envelopes over split.bus.max-envelope-size (256 KiB)
        figures.put("details_bytes", JsonMapper.shared().writeValueAsBytes(second.details()).length);
        out().println(Json.line(figures));
    }

    /**
     * {@code --tickers} made-up symbols with weekday bars over {@code --years}, a fundamentals row and an {@code
     * initial_filtration} row for two sessions each.
     *
     * @return each ticker's bars, as stored (to the DECIMAL(19, 6) of stock_prices)
     */
    private Map<String, PriceSeries> seed(StandInData data) {
        Random random = new Random(seed);
        List<LocalDate> dates = SyntheticMarket.weekdays(years());
        double[] market = new double[dates.size()];
        for (int t = 0; t < market.length; t++) {
            market[t] = random.nextGaussian() * 0.01;
        }
        Map<String, PriceSeries> seeded = new LinkedHashMap<>();
        for (String symbol : SyntheticMarket.tickers(tickers())) {
            double beta = 0.5 + random.nextDouble();
            double own = 0.008 + random.nextDouble() * 0.02; // with the market: 15 to 45 % a year
            double drift = (random.nextDouble() - 0.4) * 0.002;
            double[] closes = new double[dates.size()];
            closes[0] = 20 + random.nextDouble() * 200;
            for (int t = 1; t < closes.length; t++) {
                closes[t] = closes[t - 1] * Math.exp(drift + beta * market[t] + own * random.nextGaussian());
            }
            double[] stored = new double[closes.length];
            for (int t = 0; t < closes.length; t++) {
                stored[t] = Math.rint(closes[t] * 1e6) / 1e6;
            }
            PriceSeries series = new PriceSeries(symbol, dates, stored);
            data.bars(series);
            seeded.put(symbol, series);
            boolean loss = random.nextDouble() < 0.1;
            data.fundamentals(
                    symbol,
                    SyntheticMarket.today(),
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
        return seeded;
    }
}
