package com.split.bench;

import com.split.initfilter.filtration.SessionFilter;
import com.split.initfilter.screening.FilterProperties;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code filter}: how fast a whole session is screened, by the {@link SessionFilter} an {@code initial_filter} task runs
 * (reads, screen, upserts; not Redis), for many tickers, in a throwaway schema. Seeds synthetic bars, fundamentals,
 * statement lines and splits first; the split_stocks tables come from yahoo-gateway's own migration. Run by {@code
 * bin/filter-bench}.
 */
@Command(
        name = "filter",
        description = {
            "How fast init-filter screens a whole session (bin/filter-bench).",
            "The SessionFilter of an initial_filter task (reads split_stocks, screens, upserts"
                    + " initial_filtration; not Redis) on synthetic data in a throwaway schema: a cold run, a rerun on"
                    + " unchanged inputs, and warm runs."
        })
final class FilterBench extends ServiceBench {

    @Option(names = "--runs", defaultValue = "5", description = "warm runs, of new sessions; the median counts")
    private int runs;

    FilterBench() {
        super("filter_bench", "db/migration/split_math_core/initial_filtration", "db/migration/split_stocks");
    }

    @Override
    protected void check() {
        super.check();
        atLeast("--runs", runs, 1);
    }

    @Override
    protected void measure(String server, HikariDataSource dataSource) {
        int tickers = tickers();
        out().printf("filter-bench: %d tickers x %d years, %s%n", tickers, years(), server);
        List<String> symbols = SyntheticMarket.tickers(tickers);
        Timed<Long> bars = Timed.of(() -> new Seeder(new JdbcTemplate(dataSource), years()).seed(symbols));
        out().printf("  seeded %,d bars, fundamentals and statement lines in %.2f s%n", bars.value(), bars.seconds());

        // The service's defaults, in the one schema that holds everything here.
        FilterProperties properties = new Binder(
                        new MapConfigurationPropertySource(Map.of("split.filter.stocks-schema", "")))
                .bindOrCreate("split.filter", FilterProperties.class);
        MeterRegistry registry = new SimpleMeterRegistry();
        SessionFilter filter = SessionFilter.standalone(dataSource, properties, registry);

        Timed<SessionFilter.Run> first = Timed.of(() -> filter.filter("bench", "bench-0", symbols, () -> {}));
        Map<String, Double> coldPhases = phases(registry);
        registry.clear();
        Timed<SessionFilter.Run> rerun = Timed.of(() -> filter.filter("bench", "bench-0", symbols, () -> {}));
        registry.clear();
        double[] warm = new double[runs];
        for (int i = 0; i < runs; i++) {
            String session = "bench-" + (i + 1);
            warm[i] = Timed.of(() -> filter.filter("bench", session, symbols, () -> {}))
                    .seconds();
        }
        Arrays.sort(warm);
        double median = warm[runs / 2];
        double cold = first.seconds();
        Map<String, Object> details = first.value().details();
        int detailsBytes = JsonMapper.shared().writeValueAsString(details).getBytes(StandardCharsets.UTF_8).length;

        out().printf(
                        "  first session (cold JVM)  %6.3f s  %,8.0f tickers/s  (%d rows written, %s)%n",
                        cold,
                        tickers / cold,
                        first.value().written(),
                        first.value().method().wireName());
        out().printf(
                        "  rerun, inputs unchanged   %6.3f s  %,8.0f tickers/s  (%d rows written: NO_DATA)%n",
                        rerun.seconds(),
                        tickers / rerun.seconds(),
                        rerun.value().written());
        out().printf(
                        "  new session, warm x%d      %6.3f s  %,8.0f tickers/s  (median; best %.3f s)%n",
                        runs, median, tickers / median, warm[0]);
        Map<String, Double> phases = phases(registry);
        out().printf(
                        "  phases (ms), cold: read %.0f, screen %.0f, write %.0f; warm (mean): read %.0f, screen %.0f, write %.0f%n",
                        coldPhases.get("read"),
                        coldPhases.get("screen"),
                        coldPhases.get("write"),
                        phases.get("read"),
                        phases.get("screen"),
                        phases.get("write"));
        out().printf(
                        "  passed %d, failed %d, unknown %d; task details %,d bytes%n",
                        details.get("passed"), details.get("failed"), details.get("unknown"), detailsBytes);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tickers", tickers);
        json.put("years", years());
        json.put("bars", bars.value());
        json.put("seed_s", Timed.round(bars.seconds()));
        json.put("cold_s", Timed.round(cold));
        json.put("rerun_no_data_s", Timed.round(rerun.seconds()));
        json.put("warm_median_s", Timed.round(median));
        json.put("warm_best_s", Timed.round(warm[0]));
        json.put("tickers_per_s", Math.round(tickers / median));
        json.put("cold_tickers_per_s", Math.round(tickers / cold));
        json.put("cold_phase_ms", coldPhases);
        json.put("warm_phase_ms", phases);
        json.put("passed", details.get("passed"));
        json.put("failed", details.get("failed"));
        json.put("unknown", details.get("unknown"));
        json.put("score_method", first.value().method().wireName());
        json.put("details_bytes", detailsBytes);
        out().println(Json.line(json));
    }

    /** The mean time of each phase, in ms, since the registry was cleared. */
    private static Map<String, Double> phases(MeterRegistry registry) {
        Map<String, Double> phases = new LinkedHashMap<>();
        for (String phase : List.of("read", "screen", "write")) {
            Timer timer =
                    registry.find("split.filter.phase").tag("phase", phase).timer();
            phases.put(phase, timer == null ? 0 : Timed.round(timer.mean(TimeUnit.MILLISECONDS)));
        }
        return phases;
    }
}
