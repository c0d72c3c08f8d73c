package com.split.portfolio.refresh;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The adjusted closes the screen of a portfolio's newest successful run used, ticker by ticker in the order of its
 * recommendations, with each decision.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record LatestPrices(long portfolioId, String sessionId, List<TickerPrices> tickers) {

    /**
     * @param from the window's first day; null (with no closes) when the run reported none for the ticker
     * @param dates the trading days with a close, oldest first
     * @param adjClose the adjusted close of each day: dividends and splits make returns comparable over the window
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TickerPrices(
            String ticker,
            String decision,
            @Nullable LocalDate from,
            @Nullable LocalDate to,
            List<LocalDate> dates,
            List<Double> adjClose) {}
}
