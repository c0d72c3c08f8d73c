package com.split.yahoo.market;

import java.time.LocalDate;

/**
 * A source of daily prices and fundamentals, one symbol per call. Implementations normalise units at the edge: dates
 * are exchange-local, ratios are fractions (debt/equity 1.69, not 169), volumes are shares, and a value the source
 * does not have is {@code null}, never zero.
 *
 * <p>An unknown or delisted symbol is an answer ({@link Fetched.UnknownSymbol}), so one bad ticker does not fail a task
 * for the others. A source that asks to slow down throws {@link RateLimitedException}; the task is then retried after
 * its delay. Any other exception is a transient failure, retried with backoff. Implementations are thread-safe.
 */
public interface MarketDataProvider {

    /** The provider's name as configured ({@code offline}, {@code yahoo}), stored with the rows it supplied. */
    String id();

    /**
     * The daily bars dated {@code from} to {@code to}, both inclusive, with the dividends and splits of that window. A
     * window without trading is a {@link Fetched.Found} history with no bars.
     */
    Fetched<PriceHistory> prices(String symbol, LocalDate from, LocalDate to);

    /** Key statistics as of {@code asOf}, with the statement lines of the two most recent fiscal years. */
    Fetched<Fundamentals> fundamentals(String symbol, LocalDate asOf);
}
