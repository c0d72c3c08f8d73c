package com.split.yahoo.market;

import org.jspecify.annotations.Nullable;

/** What a symbol is and where it trades, as far as the source says. */
public record Listing(
        String symbol,
        @Nullable String name,
        @Nullable String exchange,
        @Nullable String currency) {}
