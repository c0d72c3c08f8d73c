package com.split.finalsel.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A passing ticker's sub-scores, composite and vetoes.
 *
 * @param composite the weighted mean of the sub-scores, in [0, 1], rounded to 6 decimals (so that a decision at a
 *     threshold does not hang on the last bit of a sum)
 * @param vetoes what makes it a Sell whatever its score; empty when none fires
 * @param volatility its annualized volatility, null when unknown
 */
public record Assessment(
        String ticker,
        SubScore quality,
        SubScore value,
        SubScore momentum,
        SubScore risk,
        double composite,
        List<String> vetoes,
        @Nullable Double volatility) {

    public Assessment {
        vetoes = List.copyOf(vetoes);
    }

    /** The sub-scores by name, in the order they are reported. */
    public Map<String, SubScore> subScores() {
        Map<String, SubScore> scores = new LinkedHashMap<>();
        scores.put("quality", quality);
        scores.put("value", value);
        scores.put("momentum", momentum);
        scores.put("risk", risk);
        return scores;
    }
}
