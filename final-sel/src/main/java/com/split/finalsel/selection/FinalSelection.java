package com.split.finalsel.selection;

import com.split.finalsel.Formats;
import com.split.finalsel.SelectionProperties;
import com.split.finalsel.portfolio.PortfolioWeigher;
import com.split.finalsel.portfolio.Weighting;
import com.split.finalsel.portfolio.WeightingMethod;
import com.split.finalsel.scoring.Assessment;
import com.split.finalsel.scoring.Decision;
import com.split.finalsel.scoring.DecisionRule;
import com.split.finalsel.scoring.FilterVerdict;
import com.split.finalsel.scoring.StockFundamentals;
import com.split.finalsel.scoring.SubScore;
import com.split.finalsel.scoring.TickerInputs;
import com.split.finalsel.scoring.TickerScorer;
import com.split.finalsel.series.PriceSeries;
import com.split.tasks.Symbols;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The selection of one session: reads every input at once, returns the stored result when the inputs have not changed
 * since this session's last selection, else scores and decides each ticker, weights the Buy set and stores one row per
 * ticker. Thread-safe.
 *
 * <p>Tickers that did not pass the initial filter are a Sell with the filter's reason, its score and weight 0; those
 * with no {@code initial_filtration} row for the session are a Sell, unscored. Every recommendation made from the
 * offline provider's data says so: its numbers are synthetic.
 */
public final class FinalSelection {

    private static final Logger log = LoggerFactory.getLogger(FinalSelection.class);

    static final String NO_FILTER_RESULT = "no initial filter result for this session";
    static final String INVALID_SYMBOL = "not a valid symbol";
    static final String SYNTHETIC_DATA = "data: offline provider (synthetic prices and statements)";

    /** yahoo-gateway's provider ids whose data is made up rather than fetched. */
    private static final Set<String> SYNTHETIC_PROVIDERS = Set.of("offline");

    private final SelectionInputsRepository inputs;
    private final SelectionRepository selections;
    private final SelectionProperties properties;
    private final TickerScorer scorer;
    private final DecisionRule rule;
    private final PortfolioWeigher weigher;
    private final SelectionMetrics metrics;
    private final Clock clock;

    FinalSelection(
            SelectionInputsRepository inputs,
            SelectionRepository selections,
            SelectionProperties properties,
            SelectionMetrics metrics,
            Clock clock) {
        this.inputs = inputs;
        this.selections = selections;
        this.properties = properties;
        this.scorer = new TickerScorer(properties);
        this.rule =
                new DecisionRule(properties.buyThreshold(), properties.sellThreshold(), properties.hysteresisBand());
        SelectionProperties.Weighting weighting = properties.weighting();
        this.weigher = new PortfolioWeigher(weighting.cap(), weighting.window(), weighting.minObservations());
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A selection on {@code dataSource} outside a Spring context, for split-bench: built as {@link
     * SelectionConfiguration} builds it, with a UTC clock.
     */
    public static FinalSelection standalone(
            DataSource dataSource, SelectionProperties properties, MeterRegistry registry) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        return new FinalSelection(
                new SelectionInputsRepository(jdbc, properties),
                new SelectionRepository(
                        jdbc,
                        new JdbcTemplate(dataSource),
                        new TransactionTemplate(new DataSourceTransactionManager(dataSource))),
                properties,
                new SelectionMetrics(registry),
                Clock.systemUTC());
    }

    /**
     * @param checkpoint runs between the steps: it throws to stop a cancelled task
     */
    public SelectionRun select(String userId, String sessionId, List<String> requested, Runnable checkpoint) {
        long started = System.nanoTime();
        List<String> tickers = List.copyOf(new LinkedHashSet<>(requested));
        List<String> valid = tickers.stream().filter(Symbols::isValid).toList();
        Map<String, FilterRow> filter = inputs.filterResults(sessionId, valid);
        List<String> passing = valid.stream()
                .filter(ticker ->
                        filter.containsKey(ticker) && filter.get(ticker).passed())
                .toList();
        Map<String, PriceSeries> prices = inputs.prices(passing, properties.barsNeeded());
        Map<String, StockFundamentals> fundamentals = inputs.fundamentals(passing);
        Set<String> synthetic = inputs.providers(valid).entrySet().stream()
                .filter(entry -> SYNTHETIC_PROVIDERS.contains(entry.getValue()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        Instant now = clock.instant();
        Map<String, PreviousDecision> previous = selections.previous(userId, sessionId, passing, now);
        String digest = digest(userId, valid, filter, prices, fundamentals, previous, synthetic);

        List<StoredSelection> stored = selections.session(sessionId);
        if (unchanged(stored, valid, digest)) {
            SelectionRun run = fromStored(tickers, stored);
            metrics.session(false, System.nanoTime() - started);
            return run;
        }
        checkpoint.run();

        Map<String, Decided> decided = new LinkedHashMap<>();
        for (String ticker : passing) {
            Assessment assessment = scorer.assess(new TickerInputs(
                    ticker, verdict(filter.get(ticker)), fundamentals.get(ticker), prices.get(ticker)));
            PreviousDecision before = previous.get(ticker);
            decided.put(
                    ticker,
                    new Decided(
                            assessment,
                            rule.decide(
                                    assessment.composite(),
                                    assessment.vetoes(),
                                    before == null ? null : before.decision())));
        }
        checkpoint.run();

        List<String> buys = passing.stream()
                .filter(ticker -> decided.get(ticker).ruling().decision() == Decision.BUY)
                .toList();
        Map<String, Double> volatilities = new HashMap<>();
        decided.forEach((ticker, each) -> {
            if (each.assessment().volatility() != null) {
                volatilities.put(ticker, each.assessment().volatility());
            }
        });
        long weighing = System.nanoTime();
        Weighting weighting = weigher.weigh(buys, prices, volatilities);
        weighing = System.nanoTime() - weighing;
        metrics.weighted(weighting.method(), buys.size(), weighing, weighting.shrinkage());
        SelectionRun.WeightingSummary summary = new SelectionRun.WeightingSummary(
                weighting.method(),
                weighting.reason(),
                weighting.observations(),
                weighting.shrinkage(),
                round(weighting.unallocated()));
        checkpoint.run();

        Recommendation.PriceWindow sessionWindow = sessionWindow(prices);
        List<Recommendation> recommendations = new ArrayList<>();
        List<SelectionRepository.Row> rows = new ArrayList<>();
        for (String ticker : tickers) {
            if (!Symbols.isValid(ticker)) {
                recommendations.add(new Recommendation(ticker, Decision.SELL, null, 0, INVALID_SYMBOL));
                continue;
            }
            FilterRow row = filter.get(ticker);
            Decided each = decided.get(ticker);
            Recommendation recommendation;
            Map<String, @Nullable Object> reasons;
            boolean made = synthetic.contains(ticker);
            if (each == null) {
                Double filterScore = row == null ? null : row.normalizedScore();
                String why = row == null
                        ? NO_FILTER_RESULT
                        : "initial filter: " + verdict(row).failure()
                                + (filterScore == null ? "" : "; filter score " + Formats.decimal(filterScore, 2));
                recommendation = new Recommendation(ticker, Decision.SELL, filterScore, 0, withData(why, made));
                reasons = unscoredReasons(recommendation, why, row, summary, made);
            } else {
                Decision decision = each.ruling().decision();
                double weight =
                        decision == Decision.BUY ? round(weighting.weights().get(ticker)) : 0;
                recommendation = new Recommendation(
                        ticker,
                        decision,
                        each.assessment().composite(),
                        weight,
                        withData(summary(each, weight, weighting.method()), made));
                reasons = scoredReasons(recommendation, row, each, previous.get(ticker), summary, made);
            }
            Recommendation.PriceWindow window = prices.containsKey(ticker) ? window(prices.get(ticker)) : sessionWindow;
            reasons.put("prices", window == null ? null : window.toMap());
            String reasonsJson = JsonMapper.shared().writeValueAsString(reasons);
            recommendation = recommendation.withDetailsFrom(JsonMapper.shared().readTree(reasonsJson));
            recommendations.add(recommendation);
            rows.add(new SelectionRepository.Row(
                    ticker, recommendation.decision(), recommendation.score(), recommendation.weight(), reasonsJson));
        }
        selections.store(userId, sessionId, rows, digest, now);
        SelectionRun run = new SelectionRun(true, recommendations, summary, weighing);
        for (Decision decision : Decision.values()) {
            metrics.decided(decision, run.count(decision));
        }
        metrics.session(true, System.nanoTime() - started);
        log.info(
                "Session {}: {} tickers, {} Buy, {} Hold, {} Sell; {}",
                sessionId,
                tickers.size(),
                run.count(Decision.BUY),
                run.count(Decision.HOLD),
                run.count(Decision.SELL),
                weighting.reason());
        return run;
    }

    /**
     * Everything the result depends on: the user, the tickers, their filter rows, the bars and fundamentals of those
     * that passed, the previous decisions, and the settings.
     */
    private String digest(
            String userId,
            List<String> tickers,
            Map<String, FilterRow> filter,
            Map<String, PriceSeries> prices,
            Map<String, StockFundamentals> fundamentals,
            Map<String, PreviousDecision> previous,
            Set<String> synthetic) {
        InputsDigest digest = new InputsDigest()
                .add("final-sel v2")
                .add(properties.toString())
                .add(userId);
        for (String ticker : new TreeSet<>(tickers)) {
            digest.add(ticker).add(synthetic.contains(ticker) ? "synthetic" : "fetched");
            FilterRow row = filter.get(ticker);
            if (row == null) {
                digest.add("no filter row");
                continue;
            }
            digest.add(row.passed() ? "passed" : "failed")
                    .add(row.normalizedScore())
                    .add(row.inputsDigest())
                    .add(row.reasonsJson());
            if (!row.passed()) {
                continue;
            }
            StockFundamentals stock = fundamentals.get(ticker);
            digest.add(stock == null ? null : stock.asOf().toString());
            if (stock != null) {
                digest.add(stock.trailingPe()).add(stock.returnOnEquity()).add(stock.profitMargin());
            }
            PriceSeries series = prices.get(ticker);
            digest.add(series == null ? 0 : series.size());
            if (series != null) {
                for (int i = 0; i < series.size(); i++) {
                    digest.add(series.date(i).toEpochDay()).add(series.close(i));
                }
            }
            PreviousDecision before = previous.get(ticker);
            digest.add(before == null ? null : before.sessionId() + " " + before.decision());
        }
        return digest.hex();
    }

    private static Recommendation.@Nullable PriceWindow window(PriceSeries series) {
        return series.size() == 0
                ? null
                : new Recommendation.PriceWindow(series.date(0), series.date(series.size() - 1));
    }

    /** From the earliest first day to the latest last day of the series read; null when none was. */
    private static Recommendation.@Nullable PriceWindow sessionWindow(Map<String, PriceSeries> prices) {
        Recommendation.PriceWindow session = null;
        for (PriceSeries series : prices.values()) {
            Recommendation.PriceWindow each = window(series);
            if (each != null) {
                session = session == null
                        ? each
                        : new Recommendation.PriceWindow(
                                each.from().isBefore(session.from()) ? each.from() : session.from(),
                                each.to().isAfter(session.to()) ? each.to() : session.to());
            }
        }
        return session;
    }

    private static boolean unchanged(List<StoredSelection> stored, List<String> valid, String digest) {
        Set<String> storedTickers = stored.stream().map(StoredSelection::ticker).collect(Collectors.toSet());
        return storedTickers.equals(Set.copyOf(valid))
                && stored.stream().allMatch(row -> row.inputsDigest().equals(digest));
    }

    /** The recommendations the stored rows make, in the task's order. */
    private static SelectionRun fromStored(List<String> tickers, List<StoredSelection> stored) {
        Map<String, StoredSelection> byTicker = new HashMap<>();
        stored.forEach(row -> byTicker.put(row.ticker(), row));
        List<Recommendation> recommendations = new ArrayList<>();
        SelectionRun.WeightingSummary weighting = null;
        for (String ticker : tickers) {
            StoredSelection row = byTicker.get(ticker);
            if (row == null) {
                recommendations.add(new Recommendation(ticker, Decision.SELL, null, 0, INVALID_SYMBOL));
                continue;
            }
            JsonNode reasons = JsonMapper.shared().readTree(row.reasonsJson());
            recommendations.add(new Recommendation(
                            ticker,
                            row.decision(),
                            row.score(),
                            row.weight(),
                            reasons.path("summary").asString(""))
                    .withDetailsFrom(reasons));
            if (weighting == null) {
                JsonNode session = reasons.path("weighting");
                weighting = new SelectionRun.WeightingSummary(
                        WeightingMethod.ofWireName(session.path("method").asString("none")),
                        session.path("reason").asString(""),
                        session.path("observations").asInt(0),
                        session.path("shrinkage").isNumber()
                                ? session.path("shrinkage").doubleValue()
                                : null,
                        session.path("unallocated").asDouble(0));
            }
        }
        return new SelectionRun(
                false,
                recommendations,
                weighting != null
                        ? weighting
                        : new SelectionRun.WeightingSummary(WeightingMethod.NONE, "no Buy", 0, null, 0),
                0);
    }

    private static FilterVerdict verdict(FilterRow row) {
        return FilterVerdict.of(row.passed(), row.normalizedScore(), row.reasonsJson());
    }

    /** A passing ticker's assessment and the decision it came to. */
    private record Decided(Assessment assessment, DecisionRule.Ruling ruling) {}

    /** One line: the rule, the sub-scores, and a Buy's weight. */
    private static String summary(Decided decided, double weight, WeightingMethod method) {
        StringBuilder line = new StringBuilder(decided.ruling().rule()).append("; ");
        line.append(decided.assessment().subScores().entrySet().stream()
                .map(entry ->
                        entry.getKey() + " " + Formats.decimal(entry.getValue().score(), 2)
                                + (entry.getValue().known() ? "" : " (unknown)"))
                .collect(Collectors.joining(", ")));
        if (decided.ruling().decision() == Decision.BUY) {
            line.append("; weight ")
                    .append(Formats.decimal(weight, 4))
                    .append(" (")
                    .append(method.wireName())
                    .append(')');
        }
        return line.toString();
    }

    private static String withData(String summary, boolean synthetic) {
        return synthetic ? summary + "; " + SYNTHETIC_DATA : summary;
    }

    private Map<String, @Nullable Object> scoredReasons(
            Recommendation recommendation,
            FilterRow row,
            Decided decided,
            @Nullable PreviousDecision previous,
            SelectionRun.WeightingSummary weighting,
            boolean synthetic) {
        Assessment assessment = decided.assessment();
        DecisionRule.Ruling ruling = decided.ruling();
        Map<String, @Nullable Object> reasons = header(recommendation, row, synthetic);
        reasons.put("rule", ruling.rule());
        reasons.put(
                "previous",
                previous == null
                        ? null
                        : Map.of(
                                "session_id",
                                previous.sessionId(),
                                "decision",
                                previous.decision().name()));
        Map<String, Object> subScores = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        lines.add(ruling.rule());
        assessment.subScores().forEach((name, score) -> {
            subScores.put(name, subScore(score));
            lines.add(name + " " + Formats.decimal(score.score(), 2) + ": " + score.reason());
        });
        reasons.put("sub_scores", subScores);
        SelectionProperties.Weights weights = properties.weights();
        Map<String, Double> composite = new LinkedHashMap<>();
        composite.put("quality", weights.quality());
        composite.put("value", weights.value());
        composite.put("momentum", weights.momentum());
        composite.put("risk", weights.risk());
        reasons.put("weights", composite);
        reasons.put("vetoes", assessment.vetoes());
        lines.addAll(assessment.vetoes());
        lines.add(
                recommendation.decision() == Decision.BUY
                        ? "weight %s: %s".formatted(Formats.decimal(recommendation.weight(), 4), weighting.reason())
                        : "weight 0: not a Buy");
        if (synthetic) {
            lines.add(SYNTHETIC_DATA);
        }
        reasons.put("weighting", weighting(weighting));
        reasons.put("reasons", lines);
        return reasons;
    }

    private static Map<String, @Nullable Object> unscoredReasons(
            Recommendation recommendation,
            String why,
            @Nullable FilterRow row,
            SelectionRun.WeightingSummary weighting,
            boolean synthetic) {
        Map<String, @Nullable Object> reasons = header(recommendation, row, synthetic);
        reasons.put("rule", why);
        reasons.put("weighting", weighting(weighting));
        List<String> lines = new ArrayList<>(List.of(why, "weight 0: not a Buy"));
        if (synthetic) {
            lines.add(SYNTHETIC_DATA);
        }
        reasons.put("reasons", lines);
        return reasons;
    }

    private static Map<String, @Nullable Object> header(
            Recommendation recommendation, @Nullable FilterRow row, boolean synthetic) {
        Map<String, @Nullable Object> reasons = new LinkedHashMap<>();
        reasons.put("version", 1);
        reasons.put("decision", recommendation.decision().name());
        reasons.put("score", recommendation.score());
        reasons.put("weight", recommendation.weight());
        reasons.put("summary", recommendation.reasons());
        Map<String, @Nullable Object> filter = new LinkedHashMap<>();
        filter.put("found", row != null);
        filter.put("passed", row != null && row.passed());
        filter.put("score", row == null ? null : row.normalizedScore());
        reasons.put("filter", filter);
        reasons.put("synthetic_data", synthetic);
        return reasons;
    }

    private static Map<String, @Nullable Object> subScore(SubScore score) {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        map.put("score", score.score());
        map.put("known", score.known());
        map.put("reason", score.reason());
        map.put("inputs", score.inputs());
        return map;
    }

    private static Map<String, @Nullable Object> weighting(SelectionRun.WeightingSummary weighting) {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        map.put("method", weighting.method().wireName());
        map.put("reason", weighting.reason());
        map.put("observations", weighting.observations());
        map.put("shrinkage", weighting.shrinkage());
        map.put("unallocated", weighting.unallocated());
        return map;
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
