package com.split.yahoo.stocks;

import java.time.Instant;

/** Brings one ticker's data of one kind up to date in split_stocks. Idempotent; thread-safe. */
interface TickerFetcher {

    /**
     * @param now the moment the task treats as the present, the same for all its tickers
     * @throws com.split.yahoo.market.RateLimitedException when the provider asks to slow down
     */
    TickerReport fetch(String symbol, Instant now);
}
