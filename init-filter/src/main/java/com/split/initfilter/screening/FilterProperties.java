package com.split.initfilter.screening;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How init-filter screens: every threshold, scale and weight. The defaults are documented in docs/configuration.md.
 *
 * @param stocksSchema the schema of yahoo-gateway's tables, read-only; empty means the datasource's own schema
 * @param priceFloor the lowest last close that passes (the SEC's penny-stock line is $5)
 * @param liquidity the average daily dollar volume gate
 * @param leverage the debt/equity gate
 * @param profitability the ROE, ROA and operating cash flow gate
 * @param exemptSectors sectors (as the fundamentals name them) whose debt/equity and Altman Z mean nothing: banks
 * @param piotroski how many F-score signals a sub-score needs
 * @param altman which Z model applies where, and its zones
 * @param ranges the fixed scale of each sub-score
 * @param weights the weight of each sub-score in the normalized score
 * @param neutralScore the sub-score of what cannot be computed: unknown is neither good nor bad
 * @param crossSectionalMinUniverse the fewest tickers in a session for a cross-sectional robust z instead of the
 *     fixed ranges: one outlier moves every z of a small universe
 * @param winsorLimit where robust z-scores are cut, in (MAD-scaled) standard deviations
 */
@ConfigurationProperties("split.filter")
@Validated
public record FilterProperties(
        @DefaultValue("split_stocks") @Pattern(regexp = "[A-Za-z0-9_]*")
        String stocksSchema,

        @DefaultValue("5") @PositiveOrZero double priceFloor,
        @DefaultValue @Valid Liquidity liquidity,
        @DefaultValue @Valid Leverage leverage,
        @DefaultValue @Valid Profitability profitability,
        @DefaultValue("Financial Services") List<String> exemptSectors,
        @DefaultValue @Valid Piotroski piotroski,
        @DefaultValue @Valid Altman altman,
        @DefaultValue Ranges ranges,
        @DefaultValue @Valid Weights weights,

        @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1")
        double neutralScore,

        @DefaultValue("30") @Min(2) int crossSectionalMinUniverse,
        @DefaultValue("3") @Positive double winsorLimit) {

    public FilterProperties {
        exemptSectors = List.copyOf(exemptSectors);
    }

    /** Whether {@code sector} is one of the exempt sectors, ignoring case. */
    public boolean exempt(@Nullable String sector) {
        return contains(exemptSectors, sector);
    }

    static boolean contains(List<String> sectors, @Nullable String sector) {
        if (sector == null) {
            return false;
        }
        String wanted = sector.strip().toLowerCase(Locale.ROOT);
        return sectors.stream()
                .anyMatch(listed -> listed.strip().toLowerCase(Locale.ROOT).equals(wanted));
    }

    /**
     * @param days the sessions averaged: Σ(close × volume) / N over the newest N bars
     * @param minDollarVolume the lowest average daily dollar volume that passes
     */
    public record Liquidity(
            @DefaultValue("20") @Min(1) @Max(1000) int days,
            @DefaultValue("5e6") @PositiveOrZero double minDollarVolume) {}

    /** @param maxDebtToEquity the highest debt/equity (a ratio: 1.69, not 169 %) that passes */
    public record Leverage(@DefaultValue("2.0") @Positive double maxDebtToEquity) {}

    /** Each must be exceeded: ROE and ROA are fractions, operating cash flow is money. */
    public record Profitability(
            @DefaultValue("0") double minRoe,
            @DefaultValue("0") double minRoa,
            @DefaultValue("0") double minOperatingCashFlow) {}

    /**
     * @param minSignals the fewest computable signals for a Piotroski sub-score; with fewer it is neutral
     */
    public record Piotroski(
            @DefaultValue("5") @Min(1) @Max(9) int minSignals) {}

    /**
     * @param zDoublePrimeSectors sectors of non-manufacturers, scored with Z'' (book equity, no sales term)
     * @param z Altman's original Z: distress below the first bound, safe above the second
     * @param zDoublePrime Z'' likewise
     */
    public record Altman(
            @DefaultValue({"Communication Services", "Real Estate", "Utilities"})
            List<String> zDoublePrimeSectors,

            @DefaultValue("1.81..2.99") ReferenceRange z,
            @DefaultValue("1.1..2.6") ReferenceRange zDoublePrime) {

        public Altman {
            zDoublePrimeSectors = List.copyOf(zDoublePrimeSectors);
            if (z.best() < z.worst() || zDoublePrime.best() < zDoublePrime.worst()) {
                throw new IllegalArgumentException("split.filter.altman zones are written distress..safe, low to high");
            }
        }

        boolean usesZDoublePrime(@Nullable String sector) {
            return contains(zDoublePrimeSectors, sector);
        }
    }

    /**
     * Fixed scales, {@code worst..best}.
     *
     * @param liquidity of log10(average daily dollar volume)
     * @param leverage of debt/equity
     * @param roe of return on equity
     * @param roa of return on assets
     * @param piotroski of the F-score (0 to 9)
     */
    public record Ranges(
            @DefaultValue("6..9") ReferenceRange liquidity,
            @DefaultValue("3..0") ReferenceRange leverage,
            @DefaultValue("0..0.3") ReferenceRange roe,
            @DefaultValue("0..0.15") ReferenceRange roa,
            @DefaultValue("0..9") ReferenceRange piotroski) {}

    /** Weights of the sub-scores in the normalized score: a weighted mean, so only their ratios matter. */
    public record Weights(
            @DefaultValue("1") @PositiveOrZero double liquidity,
            @DefaultValue("1") @PositiveOrZero double leverage,
            @DefaultValue("1") @PositiveOrZero double roe,
            @DefaultValue("1") @PositiveOrZero double roa,
            @DefaultValue("1") @PositiveOrZero double piotroski,
            @DefaultValue("1") @PositiveOrZero double altman) {

        public Weights {
            if (!(liquidity + leverage + roe + roa + piotroski + altman > 0)) {
                throw new IllegalArgumentException("split.filter.weights must not all be zero");
            }
        }

        double of(SubScore subScore) {
            return switch (subScore) {
                case LIQUIDITY -> liquidity;
                case LEVERAGE -> leverage;
                case ROE -> roe;
                case ROA -> roa;
                case PIOTROSKI -> piotroski;
                case ALTMAN -> altman;
            };
        }
    }
}
