package com.split.finalsel.selection;

import com.split.finalsel.scoring.Decision;
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
 */
public record Recommendation(
        String ticker,
        Decision decision,
        @Nullable Double score,
        double weight,
        String reasons,
        List<ScorePart> scoreParts) {

    public Recommendation {
        scoreParts = List.copyOf(scoreParts);
    }

    /** A recommendation whose score has no parts to show. */
    public Recommendation(String ticker, Decision decision, @Nullable Double score, double weight, String reasons) {
        this(ticker, decision, score, weight, reasons, List.of());
    }

    /**
     * One sub-score and its weight in the composite: the composite is the sum of {@code score × weight}.
     *
     * @param known false when the score is the neutral stand-in for an unknown input
     */
    public record ScorePart(String name, double score, double weight, boolean known) {}

    /**
     * The same recommendation with the parts its {@code reasons_json} records ({@code sub_scores} and their
     * {@code weights}), so that a fresh selection and one read back from the table say the same.
     */
    Recommendation withPartsFrom(JsonNode reasonsJson) {
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
        return new Recommendation(ticker, decision, score, weight, reasons, parts);
    }

    /** {@code {"ticker", "decision", "score", "weight", "reasons", "score_parts"}}, as the contract has it. */
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
        return map;
    }
}
