package com.split.finalsel;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How final-sel scores, decides and weights. Every sub-score maps its input linearly from a reference range onto
 * [0, 1] (clamped); the composite is the weighted mean of the sub-scores.
 *
 * @param stocksSchema the schema of yahoo-gateway's tables, read-only; empty means the datasource's own schema
 * @param buyThreshold a composite at or above it is a Buy (unless a veto fires)
 * @param sellThreshold a composite at or below it is a Sell
 * @param hysteresisBand a previous Buy stays Buy down to {@code buyThreshold - band}, a previous Sell stays Sell up to
 *     {@code sellThreshold + band}; less than {@code buyThreshold - sellThreshold}
 * @param tradingDaysPerYear annualizes the daily volatility
 * @param weights the weight of each sub-score in the composite (normalized by their sum)
 * @param quality Piotroski F (from init-filter) and return on equity
 * @param value earnings yield, 1 / trailing P/E
 * @param momentum 12-1 momentum (Jegadeesh &amp; Titman)
 * @param risk volatility of daily log returns; lower scores higher
 * @param veto what makes a ticker a Sell whatever its score
 * @param weighting the minimum-variance weights of the Buy set
 */
@ConfigurationProperties("split.selection")
@Validated
public record SelectionProperties(
        @DefaultValue("split_stocks") @Pattern(regexp = "[A-Za-z0-9_$]*")
        String stocksSchema,

        @DefaultValue("0.60") @DecimalMin("0") @DecimalMax("1")
        double buyThreshold,

        @DefaultValue("0.40") @DecimalMin("0") @DecimalMax("1")
        double sellThreshold,

        @DefaultValue("0.05") @DecimalMin("0") double hysteresisBand,
        @DefaultValue("252") @Min(1) int tradingDaysPerYear,
        @DefaultValue @Valid Weights weights,
        @DefaultValue @Valid Quality quality,
        @DefaultValue @Valid Value value,
        @DefaultValue @Valid Momentum momentum,
        @DefaultValue @Valid Risk risk,
        @DefaultValue @Valid Veto veto,
        @DefaultValue @Valid Weighting weighting) {

    public SelectionProperties {
        if (!(sellThreshold < buyThreshold)) {
            throw new IllegalArgumentException("split.selection.sell-threshold (%s) must be below buy-threshold (%s)"
                    .formatted(sellThreshold, buyThreshold));
        }
        if (!(hysteresisBand < buyThreshold - sellThreshold)) {
            throw new IllegalArgumentException(
                    "split.selection.hysteresis-band (%s) must be less than buy-threshold - sell-threshold (%s)"
                            .formatted(hysteresisBand, buyThreshold - sellThreshold));
        }
    }

    /** The sub-scores' weights in the composite: not negative, at least one positive. */
    public record Weights(
            @DefaultValue("0.30") @DecimalMin("0") double quality,
            @DefaultValue("0.25") @DecimalMin("0") double value,
            @DefaultValue("0.25") @DecimalMin("0") double momentum,
            @DefaultValue("0.20") @DecimalMin("0") double risk) {

        public Weights {
            if (!(quality + value + momentum + risk > 0)) {
                throw new IllegalArgumentException("split.selection.weights.* must not all be 0");
            }
        }
    }

    /**
     * Quality: the mean of Piotroski F (0 to 9, scaled to 9 signals when init-filter knew fewer) and ROE, each mapped
     * from its range; either alone when the other is unknown.
     */
    public record Quality(
            @DefaultValue("2") @DecimalMin("0") @DecimalMax("9")
            double piotroskiLow,

            @DefaultValue("8") @DecimalMin("0") @DecimalMax("9")
            double piotroskiHigh,

            @DefaultValue("0.0") double roeLow,
            @DefaultValue("0.25") double roeHigh) {

        public Quality {
            requireRange("quality.piotroski", piotroskiLow, piotroskiHigh);
            requireRange("quality.roe", roeLow, roeHigh);
        }
    }

    /** Value: earnings yield from {@code earningsYieldLow} (P/E 50) to {@code earningsYieldHigh} (P/E 10). */
    public record Value(
            @DefaultValue("0.02") double earningsYieldLow,
            @DefaultValue("0.10") double earningsYieldHigh) {

        public Value {
            requireRange("value.earnings-yield", earningsYieldLow, earningsYieldHigh);
        }
    }

    /**
     * Momentum: the return from {@code lookback} to {@code skip} trading days ago (12-1: the last month is left out,
     * it tends to reverse), mapped from {@code returnLow} to {@code returnHigh}.
     */
    public record Momentum(
            @DefaultValue("252") @Min(2) int lookback,
            @DefaultValue("21") @Min(0) int skip,
            @DefaultValue("-0.20") double returnLow,
            @DefaultValue("0.40") double returnHigh) {

        public Momentum {
            if (skip >= lookback) {
                throw new IllegalArgumentException("split.selection.momentum.skip must be less than lookback");
            }
            requireRange("momentum.return", returnLow, returnHigh);
        }
    }

    /**
     * Risk: annualized volatility of the last {@code lookback} daily log returns; {@code volatilityLow} or less
     * scores 1, {@code volatilityHigh} or more scores 0.
     */
    public record Risk(
            @DefaultValue("60") @Min(2) int lookback,
            @DefaultValue("0.15") @DecimalMin("0") double volatilityLow,
            @DefaultValue("0.60") double volatilityHigh) {

        public Risk {
            requireRange("risk.volatility", volatilityLow, volatilityHigh);
        }
    }

    /**
     * Vetoes, read from init-filter's {@code reasons_json}.
     *
     * @param altmanDistress an Altman zone of {@code distress} is a Sell
     * @param maxPiotroski a Piotroski F at or below it is a Sell, when it stays there even if every unknown signal
     *     were positive; -1 turns the veto off
     * @param liquidityFail a failed liquidity gate is a Sell
     */
    public record Veto(
            @DefaultValue("true") boolean altmanDistress,
            @DefaultValue("2") @Min(-1) @Max(9) int maxPiotroski,
            @DefaultValue("true") boolean liquidityFail) {}

    /**
     * Minimum-variance weighting of the Buy set.
     *
     * @param cap the largest weight one name may get; a Buy set of n names needs {@code n * cap >= 1}
     * @param window daily returns the covariance is estimated from
     * @param minObservations fewer common daily returns than this fall back to inverse volatility
     */
    public record Weighting(
            @DefaultValue("0.30") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
            double cap,

            @DefaultValue("252") @Min(2) int window,
            @DefaultValue("60") @Min(2) int minObservations) {}

    /** Bars a ticker needs for every statistic: the longest lookback, and one more close than returns. */
    public int barsNeeded() {
        return Math.max(Math.max(momentum.lookback(), risk.lookback()), weighting.window()) + 1;
    }

    private static void requireRange(String name, double low, double high) {
        if (!(low < high)) {
            throw new IllegalArgumentException(
                    "split.selection.%s-low (%s) must be below %s-high (%s)".formatted(name, low, name, high));
        }
    }
}
