package com.split.portfolio.refresh;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What a run recommends for one ticker, as final-sel decided it.
 *
 * @param decision {@code BUY}, {@code HOLD} or {@code SELL}
 * @param score 0 to 1, higher is better; null when final-sel could not score it
 * @param weight the ticker's share of the portfolio, 0 to 1 (0 for HOLD and SELL)
 * @param reasons a one-line summary of why
 * @param scoreParts what the score is made of; empty when final-sel reported no parts
 * @param prices the days of the adjusted closes the screen used; null when final-sel reported none
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Recommendation(
        String ticker,
        String decision,
        @Nullable Double score,
        double weight,
        String reasons,
        List<ScorePart> scoreParts,
        @Nullable PriceWindow prices) {

    Recommendation {
        scoreParts = List.copyOf(scoreParts);
    }
}
