package com.split.portfolio.refresh;

import com.split.tasks.Symbols;
import com.split.tasks.TaskType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code run_completed} payload: how a run ended and, after a SUCCESS, what it recommends for each ticker.
 *
 * @param reason why it failed or timed out; may explain a SUCCESS with dropped tickers too
 */
record RunCompleted(
        long portfolioId,
        RunStatus status,
        @Nullable String reason,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        List<Dropped> dropped,
        List<Recommendation> recommendations) {

    static final Set<String> DECISIONS = Set.of("BUY", "HOLD", "SELL");
    static final int MAX_REASON = 1000;
    static final int MAX_REASONS = 2000;
    /** Weights are computed in floating point: a lone BUY may weigh 1.0000000000000002. */
    static final double WEIGHT_ROUNDING = 1e-9;

    static final int MAX_SCORE_PARTS = 16;
    /** The most a page chart reads for one ticker: a window is final-sel's longest lookback, about a year. */
    static final int MAX_PRICE_YEARS = 20;

    static final Pattern PART_NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    private static final String TYPE = TaskType.RUN_COMPLETED.name();

    /** The payload as it arrives: everything may be missing until checked. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Wire(
            @Nullable Long portfolioId,
            @Nullable String status,
            @Nullable String reason,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            @Nullable List<Dropped> dropped,
            @Nullable List<WireRecommendation> recommendations) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WireRecommendation(
            @Nullable String ticker,
            @Nullable String decision,
            @Nullable Double score,
            @Nullable Double weight,
            @Nullable String reasons,
            @Nullable List<WireScorePart> scoreParts,
            @Nullable WirePriceWindow prices) {}

    record WirePriceWindow(
            @Nullable LocalDate from, @Nullable LocalDate to) {}

    record WireScorePart(
            @Nullable String name,
            @Nullable Double score,
            @Nullable Double weight,
            @Nullable Boolean known) {}

    /** @throws com.split.tasks.bus.worker.PermanentTaskFailure if the payload breaks the contract */
    static RunCompleted parse(JsonMapper mapper, JsonNode payload) {
        Wire wire = Payloads.read(mapper, TYPE, payload, Wire.class);
        String statusName = Payloads.require(TYPE, wire.status(), "status");
        RunStatus status = RunStatus.ending(statusName)
                .orElseThrow(() -> Payloads.invalid(
                        TYPE, "status must be SUCCESS, FAILURE or TIMEOUT, was '%s'".formatted(statusName)));
        List<Recommendation> recommendations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (WireRecommendation item :
                wire.recommendations() == null ? List.<WireRecommendation>of() : wire.recommendations()) {
            Recommendation recommendation = recommendation(item);
            if (!seen.add(recommendation.ticker())) {
                throw Payloads.invalid(TYPE, "recommendations hold %s twice".formatted(recommendation.ticker()));
            }
            recommendations.add(recommendation);
        }
        return new RunCompleted(
                Payloads.portfolioId(TYPE, wire.portfolioId()),
                status,
                Payloads.clip(wire.reason(), MAX_REASON),
                wire.startedAt(),
                wire.finishedAt(),
                Payloads.dropped(TYPE, wire.dropped()),
                List.copyOf(recommendations));
    }

    private static Recommendation recommendation(@Nullable WireRecommendation item) {
        if (item == null || item.ticker() == null || !Symbols.isValid(item.ticker())) {
            throw Payloads.invalid(TYPE, "a recommendation needs a valid ticker: " + item);
        }
        String ticker = item.ticker();
        String decision = Payloads.require(TYPE, item.decision(), "recommendations[" + ticker + "].decision")
                .toUpperCase(Locale.ROOT);
        if (!DECISIONS.contains(decision)) {
            throw Payloads.invalid(
                    TYPE, "the decision for %s must be BUY, HOLD or SELL, was '%s'".formatted(ticker, item.decision()));
        }
        Double score = item.score();
        if (score != null && !Double.isFinite(score)) {
            throw Payloads.invalid(TYPE, "the score for %s must be a number".formatted(ticker));
        }
        double weight = item.weight() == null ? 0 : item.weight();
        if (!(weight >= -WEIGHT_ROUNDING && weight <= 1 + WEIGHT_ROUNDING)) {
            throw Payloads.invalid(TYPE, "the weight for %s must be between 0 and 1, was %s".formatted(ticker, weight));
        }
        weight = Math.clamp(weight, 0.0, 1.0);
        String reasons = Payloads.clip(item.reasons() == null ? "" : item.reasons(), MAX_REASONS);
        return new Recommendation(
                ticker, decision, score, weight, reasons, scoreParts(ticker, item.scoreParts()), prices(ticker, item));
    }

    /** Absent from an older final-sel: no window. */
    private static @Nullable PriceWindow prices(String ticker, WireRecommendation item) {
        WirePriceWindow wire = item.prices();
        if (wire == null) {
            return null;
        }
        if (wire.from() == null || wire.to() == null || wire.to().isBefore(wire.from())) {
            throw Payloads.invalid(
                    TYPE, "the prices of %s need a from on or before their to, were %s".formatted(ticker, wire));
        }
        if (wire.from().plusYears(MAX_PRICE_YEARS).isBefore(wire.to())) {
            throw Payloads.invalid(
                    TYPE, "the prices of %s span more than %d years: %s".formatted(ticker, MAX_PRICE_YEARS, wire));
        }
        return new PriceWindow(wire.from(), wire.to());
    }

    /** Absent from an older final-sel: no parts. */
    private static List<ScorePart> scoreParts(String ticker, @Nullable List<WireScorePart> wire) {
        if (wire == null) {
            return List.of();
        }
        if (wire.size() > MAX_SCORE_PARTS) {
            throw Payloads.invalid(
                    TYPE, "the score of %s has %d parts, at most %d".formatted(ticker, wire.size(), MAX_SCORE_PARTS));
        }
        List<ScorePart> parts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (WireScorePart part : wire) {
            String name = part == null ? null : part.name();
            if (name == null || !PART_NAME.matcher(name).matches() || !names.add(name)) {
                throw Payloads.invalid(
                        TYPE,
                        "a score part of %s needs a name of its own (lower-case letters, digits, _): %s"
                                .formatted(ticker, part));
            }
            parts.add(new ScorePart(
                    name,
                    fraction(ticker, name, "score", part.score()),
                    fraction(ticker, name, "weight", part.weight()),
                    !Boolean.FALSE.equals(part.known())));
        }
        return parts;
    }

    private static double fraction(String ticker, String part, String field, @Nullable Double value) {
        if (value == null || !(value >= 0 && value <= 1)) {
            throw Payloads.invalid(
                    TYPE,
                    "the %s of %s's score part %s must be between 0 and 1, was %s"
                            .formatted(field, ticker, part, value));
        }
        return value;
    }
}
