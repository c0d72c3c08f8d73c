package com.split.initfilter.screening;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * The newest {@code fundamentals} row of a ticker, the columns the screen uses. Null is unknown, never zero.
 *
 * @param debtToEquity a ratio, as yahoo-gateway stores it (1.69, not Yahoo's 169)
 * @param averageVolume three-month average daily shares traded
 */
public record KeyStatistics(
        LocalDate asOf,
        @Nullable String sector,
        @Nullable Double marketCap,
        @Nullable Double returnOnEquity,
        @Nullable Double returnOnAssets,
        @Nullable Double debtToEquity,
        @Nullable Double operatingCashFlow,
        @Nullable Double averageVolume) {}
