package com.split.finalsel.selection;

import com.split.finalsel.scoring.Decision;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One ticker's line in the {@code final_selection} outcome.
 *
 * @param score the composite, null for a ticker that was not scored
 * @param weight its share of the portfolio; 0 unless a Buy
 * @param reasons why, in one line
 */
public record Recommendation(
        String ticker, Decision decision, @Nullable Double score, double weight, String reasons) {

    /** {@code {"ticker", "decision", "score", "weight", "reasons"}}, as the contract has it. */
    Map<String, @Nullable Object> toMap() {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        map.put("ticker", ticker);
        map.put("decision", decision.name());
        map.put("score", score);
        map.put("weight", weight);
        map.put("reasons", reasons);
        return map;
    }
}
