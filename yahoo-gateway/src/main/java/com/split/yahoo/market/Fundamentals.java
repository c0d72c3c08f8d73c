package com.split.yahoo.market;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Key statistics of a symbol on one date, and the statement lines of its two most recent fiscal years. Every number
 * may be missing (trailing P/E has none when earnings are negative; banks have no debt/equity): missing is unknown,
 * not zero. Ratios and margins are fractions; money is in the listing's currency.
 *
 * @param debtToEquity total debt over stockholders' equity, as a ratio (Yahoo's percent is divided by 100)
 * @param averageVolume average daily shares traded over three months
 */
public record Fundamentals(
        Listing listing,
        LocalDate asOf,
        @Nullable String sector,
        @Nullable String industry,
        @Nullable Double marketCap,
        @Nullable Double trailingPe,
        @Nullable Double forwardPe,
        @Nullable Double returnOnEquity,
        @Nullable Double returnOnAssets,
        @Nullable Double debtToEquity,
        @Nullable Double currentRatio,
        @Nullable Double grossMargin,
        @Nullable Double operatingMargin,
        @Nullable Double profitMargin,
        @Nullable Double operatingCashFlow,
        @Nullable Double freeCashFlow,
        @Nullable Double sharesOutstanding,
        @Nullable Double averageVolume,
        @Nullable Double beta,
        List<StatementLine> statements) {

    public Fundamentals {
        statements = List.copyOf(statements);
    }
}
