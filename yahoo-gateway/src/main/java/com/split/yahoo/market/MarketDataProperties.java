package com.split.yahoo.market;

import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Market-data settings.
 *
 * @param provider where data comes from: {@code offline} (generated, no network) or {@code yahoo} ({@link YahooProperties})
 * @param history how far back the first fetch of a ticker's prices goes
 * @param overlap how far before the last stored session a later fetch starts, to pick up revised bars
 * @param exchangeZone the time zone of the exchange the tickers trade on
 * @param sessionClose when its regular session ends: before that, today's bar is not final
 */
@ConfigurationProperties("split.market-data")
public record MarketDataProperties(
        @DefaultValue("offline") Provider provider,
        @DefaultValue("2y") Period history,
        @DefaultValue("7d") Period overlap,
        @DefaultValue("America/New_York") ZoneId exchangeZone,
        @DefaultValue("16:00") LocalTime sessionClose) {

    public enum Provider {
        OFFLINE,
        YAHOO
    }

    public MarketDataProperties {
        if (history.isNegative() || history.isZero() || overlap.isNegative()) {
            throw new IllegalArgumentException(
                    "split.market-data.history must be positive and split.market-data.overlap not negative");
        }
    }

    public MarketCalendar calendar() {
        return new MarketCalendar(exchangeZone, sessionClose);
    }
}
