package com.split.portfolio.refresh;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The recommendations of a portfolio's newest successful run: BUY first, then HOLD, then SELL, by weight and score.
 *
 * @param finishedAt when that run ended
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record LatestRecommendations(
        long portfolioId,
        String sessionId,
        Instant finishedAt,
        List<Recommendation> recommendations,
        List<Dropped> dropped,
        RunLinks links) {}
