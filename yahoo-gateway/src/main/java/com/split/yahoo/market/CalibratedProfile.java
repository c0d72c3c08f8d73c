package com.split.yahoo.market;

import java.time.LocalDate;
import java.time.YearMonth;
import org.jspecify.annotations.Nullable;

/**
 * Public facts about a well-known symbol, one line of {@code calibrated-profiles.csv}, which names their sources.
 * Money is in USD; ratios and margins are fractions.
 *
 * @param listed the first trading day the offline walk has: the later of the symbol's first trading day and 1995
 * @param asOf the date {@code close} and {@code shares} were true on
 * @param band how far the true close may be from {@code close}, as a fraction
 * @param company the statement facts, or null for an index
 */
public record CalibratedProfile(
        String symbol,
        String name,
        String exchange,
        LocalDate listed,
        LocalDate asOf,
        double close,
        double band,
        double volatility,
        double beta,
        double growth,
        @Nullable Company company) {

    public boolean index() {
        return company == null;
    }

    /**
     * @param shares shares outstanding on {@code asOf}, in the listed class's equivalents
     * @param marketCap close × shares, as stated
     * @param fiscalYearEnd the fiscal year the statement facts come from
     * @param equity stockholders' equity; negative where buybacks exceed the book
     */
    public record Company(
            String sector,
            String industry,
            double shares,
            double marketCap,
            double dividendYield,
            YearMonth fiscalYearEnd,
            double revenue,
            double grossMargin,
            double operatingMargin,
            double netMargin,
            double totalAssets,
            double totalDebt,
            double equity,
            double currentRatio) {}
}
