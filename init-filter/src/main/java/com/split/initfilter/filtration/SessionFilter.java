package com.split.initfilter.filtration;

import com.split.initfilter.screening.FilterProperties;
import com.split.initfilter.screening.ScoreMethod;
import com.split.initfilter.screening.Screener;
import com.split.initfilter.screening.Screening;
import com.split.initfilter.screening.TickerInputs;
import com.split.initfilter.screening.Verdict;
import com.split.tasks.Symbols;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Screens one session: reads its tickers' inputs, screens them, and upserts the rows whose inputs digest changed. A
 * rerun on unchanged inputs writes nothing. What the {@code initial_filter} handler runs, and what split-bench's
 * {@code filter} times.
 */
@Service
public class SessionFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StocksReader stocks;
    private final FiltrationRepository results;
    private final Screener screener;
    private final FilterProperties properties;
    private final FilterMetrics metrics;
    private final Clock clock;

    SessionFilter(
            StocksReader stocks,
            FiltrationRepository results,
            Screener screener,
            FilterProperties properties,
            FilterMetrics metrics,
            Clock clock) {
        this.stocks = stocks;
        this.results = results;
        this.screener = screener;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A filter on {@code dataSource} outside a Spring context, for split-bench: built from what the context would
     * inject, with a UTC clock.
     */
    public static SessionFilter standalone(DataSource dataSource, FilterProperties properties, MeterRegistry registry) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        return new SessionFilter(
                new StocksReader(jdbc, properties),
                new FiltrationRepository(
                        jdbc,
                        new JdbcTemplate(dataSource),
                        new TransactionTemplate(new DataSourceTransactionManager(dataSource))),
                new Screener(properties),
                properties,
                new FilterMetrics(registry),
                Clock.systemUTC());
    }

    /**
     * A session's screening.
     *
     * @param invalid symbols that cannot be stocks ({@link Symbols#isValid}): reported as unknown, not stored
     * @param written the rows upserted; 0 when every result was current
     */
    public record Run(List<Screening> screenings, List<String> invalid, ScoreMethod method, int written) {

        /** The task's outcome details: {@code {"tickers", "passed", "failed", "unknown", "results"}}. */
        public Map<String, Object> details() {
            Map<String, Object> details = counts();
            Map<String, Map<String, @Nullable Object>> perTicker = new LinkedHashMap<>();
            screenings.forEach(screening -> perTicker.put(screening.ticker(), screening.summary()));
            for (String symbol : invalid) {
                Map<String, @Nullable Object> unknown = new LinkedHashMap<>();
                unknown.put("passed", null);
                unknown.put("score", null);
                unknown.put("reasons", List.of("not a valid symbol"));
                perTicker.put(symbol, unknown);
            }
            details.put("results", perTicker);
            return details;
        }

        /** The figures of the {@code task_business_result} event: the counts, rows written and the score method. */
        Map<String, Object> figures() {
            Map<String, Object> figures = counts();
            figures.put("written", written);
            figures.put("unchanged", screenings.size() - written);
            figures.put("score_method", method.wireName());
            return figures;
        }

        long count(Verdict verdict) {
            return screenings.stream()
                    .filter(screening -> screening.verdict() == verdict)
                    .count();
        }

        private Map<String, Object> counts() {
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("tickers", screenings.size() + invalid.size());
            counts.put("passed", count(Verdict.PASS));
            counts.put("failed", count(Verdict.FAIL));
            counts.put("unknown", count(Verdict.UNKNOWN) + invalid.size());
            return counts;
        }
    }

    /**
     * Screens {@code tickers} (duplicates count once) for the session.
     *
     * @param checkpoint called between the phases; throws to stop (a cancelled task)
     */
    public Run filter(String userId, String sessionId, List<String> tickers, Runnable checkpoint) {
        List<String> valid = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String ticker : new LinkedHashSet<>(tickers)) {
            (Symbols.isValid(ticker) ? valid : invalid).add(ticker);
        }
        ScoreMethod method = screener.method(valid.size());
        if (valid.isEmpty()) {
            return new Run(List.of(), invalid, method, 0);
        }
        Instant now = clock.instant();
        Stored read = metrics.time(
                "read",
                () -> new Stored(
                        stocks.read(valid, LocalDate.ofInstant(now, ZoneOffset.UTC)), results.digests(sessionId)));
        Map<String, TickerInputs> inputs = read.inputs();
        checkpoint.run();

        List<Screening> screenings = metrics.time("screen", () -> screener.screen(List.copyOf(inputs.values())));
        Map<String, String> digests = digests(inputs, method);
        List<Screening> changed = screenings.stream()
                .filter(screening ->
                        !digests.get(screening.ticker()).equals(read.digests().get(screening.ticker())))
                .toList();
        checkpoint.run();

        if (!changed.isEmpty()) {
            metrics.time("write", () -> {
                List<FiltrationRepository.Row> rows = changed.stream()
                        .map(screening -> new FiltrationRepository.Row(
                                screening.ticker(),
                                screening.score(),
                                screening.passed(),
                                JSON.writeValueAsString(screening.reasonsJson()),
                                digests.get(screening.ticker())))
                        .toList();
                results.upsert(userId, sessionId, rows, now);
                return rows.size();
            });
        }
        metrics.screened(screenings, changed.size());
        return new Run(screenings, invalid, method, changed.size());
    }

    /** What split_stocks holds for the tickers, and the digests of the session's stored results. */
    private record Stored(Map<String, TickerInputs> inputs, Map<String, String> digests) {}

    /**
     * Each ticker's inputs digest, in the context it is judged in. Under a cross-sectional score every result depends
     * on every ticker's inputs, so the universe's digest is part of each.
     */
    private Map<String, String> digests(Map<String, TickerInputs> inputs, ScoreMethod method) {
        String context = "v%d%s%s".formatted(Screening.VERSION, properties, method.wireName());
        Map<String, String> own = new LinkedHashMap<>();
        inputs.forEach((ticker, tickerInputs) -> own.put(ticker, InputsDigest.of(context, tickerInputs)));
        if (method == ScoreMethod.REFERENCE_RANGES) {
            return own;
        }
        String universe = InputsDigest.universe(own);
        Map<String, String> digests = new LinkedHashMap<>();
        own.forEach((ticker, digest) -> digests.put(ticker, InputsDigest.sha256(digest + universe)));
        return digests;
    }
}
