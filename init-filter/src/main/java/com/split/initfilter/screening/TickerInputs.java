package com.split.initfilter.screening;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything one ticker's result is computed from, and nothing else: its digest decides whether a rerun has anything
 * to do.
 *
 * @param bars the newest bars, oldest first, at most {@code split.filter.liquidity.days} of them
 * @param statistics the newest fundamentals row, or null when none is stored
 * @param latest the newest fiscal year's statement lines, or null
 * @param previous the fiscal year before it, or null
 * @param splits splits after {@code previous} ended, up to {@code latest}'s end: they change share counts between
 *     the two years
 */
public record TickerInputs(
        String ticker,
        List<Bar> bars,
        @Nullable KeyStatistics statistics,
        @Nullable FiscalYear latest,
        @Nullable FiscalYear previous,
        List<ShareSplit> splits) {

    public TickerInputs {
        bars = List.copyOf(bars);
        splits = List.copyOf(splits);
    }

    /** A ticker of which nothing is stored. */
    public static TickerInputs none(String ticker) {
        return new TickerInputs(ticker, List.of(), null, null, null, List.of());
    }

    public @Nullable String sector() {
        return statistics == null ? null : statistics.sector();
    }
}
