package com.split.finalsel.scoring;

import com.split.finalsel.series.PriceSeries;
import org.jspecify.annotations.Nullable;

/**
 * What a passing ticker is scored on.
 *
 * @param fundamentals its newest fundamentals, null when split_stocks has none
 * @param prices its latest adjusted closes, null when split_stocks has none
 */
public record TickerInputs(
        String ticker,
        FilterVerdict filter,
        @Nullable StockFundamentals fundamentals,
        @Nullable PriceSeries prices) {}
