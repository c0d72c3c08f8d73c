package com.split.yahoo.market;

import java.util.List;

/** A symbol's bars of one window, oldest first, with the corporate actions of that window. */
public record PriceHistory(Listing listing, List<DailyBar> bars, List<Dividend> dividends, List<Split> splits) {

    public PriceHistory {
        bars = List.copyOf(bars);
        dividends = List.copyOf(dividends);
        splits = List.copyOf(splits);
    }
}
