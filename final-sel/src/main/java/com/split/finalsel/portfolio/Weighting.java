package com.split.finalsel.portfolio;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The weights of a Buy set and how they came about.
 *
 * @param method minimum variance, or the inverse-volatility fallback, or none (no Buy)
 * @param weights each Buy name's weight, in the Buy set's order
 * @param reason one line: what was solved, or why it fell back
 * @param observations the common daily returns the covariance was estimated from (0 when none was)
 * @param shrinkage the Ledoit-Wolf intensity, null when no covariance was estimated
 * @param unallocated {@code 1 - Σw}: above 0 only when the cap cannot place everything ({@code n * cap < 1})
 */
public record Weighting(
        WeightingMethod method,
        Map<String, Double> weights,
        String reason,
        int observations,
        @Nullable Double shrinkage,
        double unallocated) {

    public Weighting {
        weights = Map.copyOf(weights);
    }

    static Weighting none() {
        return new Weighting(WeightingMethod.NONE, Map.of(), "no Buy", 0, null, 0);
    }
}
