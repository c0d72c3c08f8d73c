package com.split.finalsel.selection;

import com.split.finalsel.scoring.Decision;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One ticker's line in the {@code final_selection} outcome.
 *
 * @param score the composite, null for a ticker that was not scored
 * @param weight its share of the portfolio; 0 unless a Buy
 * @param reasons why, in one line
 * @param scoreParts what the composite is made of; empty for a ticker that was not scored
 * @param prices the days of the adjusted closes the selection read: the ticker's own, or for a ticker it read none
 *     of, the session's; null when it read none at all
 */
public record Recommendation(
        String ticker,
        Decision decision,
        @Nullable Double score,
        double weight,
        String reasons,
        List<ScorePart> scoreParts,
        @Nullable PriceWindow prices) {

    public Recommendation {
        scoreParts = List.copyOf(scoreParts);
    }

    /** A recommendation whose score has no parts to show, made from no prices. */
    public Recommendation(String ticker, Decision decision, @Nullable Double score, double weight, String reasons) {
        this(ticker, decision, score, weight, reasons, List.of(), null);
    }

    /** The first and last day of a series of closes, both included. */
    public record PriceWindow(LocalDate from, LocalDate to) {

        Map<String, String> toMap() {
            return Map.of("from", from.toString(), "to", to.toString());
        }

        static @Nullable PriceWindow of(JsonNode window) {
            try {
                return window.path("from").isString() && window.path("to").isString()
                        ? new PriceWindow(
                                LocalDate.parse(window.path("from").asString()),
                                LocalDate.parse(window.path("to").asString()))
                        : null;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /**
     * One sub-score and its weight in the composite: the composite is the sum of {@code score × weight}.
     *
     * @param known false when the score is the neutral stand-in for an unknown input
     */
    public record ScorePart(String name, double score, double weight, boolean known) {}

    /**
     * The same recommendation with the parts its {@code reasons_json} records ({@code sub_scores} and their
     * {@code weights}) and its {@code prices} window, so that a fresh selection and one read back from the table say
     * the same.
     */
    Recommendation withDetailsFrom(JsonNode reasonsJson) {
        List<ScorePart> parts = new ArrayList<>();
        JsonNode weights = reasonsJson.path("weights");
        reasonsJson
                .path("sub_scores")
                .properties()
                .forEach(entry -> parts.add(new ScorePart(
                        entry.getKey(),
                        entry.getValue().path("score").asDouble(),
                        weights.path(entry.getKey()).asDouble(),
                        entry.getValue().path("known").asBoolean())));
        return new Recommendation(
                ticker, decision, score, weight, reasons, parts, PriceWindow.of(reasonsJson.path("prices")));
    }

    /**
     * {@code {"ticker", "decision", "score", "weight", "reasons", "score_parts", "prices"}}, as the contract has it;
     * {@code prices} is {@code {"from", "to"}} or null.
     */
    Map<String, @Nullable Object> toMap() {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        map.put("ticker", ticker);
        map.put("decision", decision.name());
        map.put("score", score);
        map.put("weight", weight);
        map.put("reasons", reasons);
        map.put(
                "score_parts",
                scoreParts.stream()
                        .map(part -> Map.of(
                                "name", part.name(),
                                "score", part.score(),
                                "weight", part.weight(),
                                "known", part.known()))
                        .toList());
        map.put("prices", prices == null ? null : prices.toMap());
        return map;
    }
}
