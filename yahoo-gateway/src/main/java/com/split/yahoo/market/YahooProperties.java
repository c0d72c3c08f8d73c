package com.split.yahoo.market;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the Yahoo provider reaches Yahoo, and how gently. Base URLs are settings so that tests point them at a local
 * server.
 *
 * @param queryUrl chart v8, quoteSummary and fundamentals-timeseries
 * @param cookieUrl answers (a 404 will do) with the session cookie that the crumb belongs to
 * @param crumbUrl answers with the crumb, as plain text
 * @param userAgent a current desktop browser's: Yahoo answers unknown clients with 429
 * @param connectTimeout how long opening a connection may take
 * @param requestTimeout how long one response may take
 * @param requestInterval the least time between two requests to Yahoo, across every instance (kept in Redis)
 * @param maxInFlight how many requests to Yahoo may await their response at once, across every instance
 * @param rateLimitBackoff how long a task waits after a 429; each further 429 in a row doubles it
 * @param maxBackoff the longest wait after a 429, and the longest a request queues for its turn
 * @param breakerThreshold how many 429s in a row open the circuit breaker
 * @param breakerOpen how long the open breaker refuses every request without asking Yahoo
 */
@ConfigurationProperties("split.market-data.yahoo")
public record YahooProperties(
        @DefaultValue("https://query2.finance.yahoo.com") URI queryUrl,
        @DefaultValue("https://fc.yahoo.com") URI cookieUrl,

        @DefaultValue("https://query1.finance.yahoo.com/v1/test/getcrumb")
        URI crumbUrl,

        @DefaultValue(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36")
        String userAgent,

        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("20s") Duration requestTimeout,
        @DefaultValue("1s") Duration requestInterval,
        @DefaultValue("1") int maxInFlight,
        @DefaultValue("30s") Duration rateLimitBackoff,
        @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("5") int breakerThreshold,
        @DefaultValue("15m") Duration breakerOpen) {

    public YahooProperties {
        if (maxInFlight < 1 || breakerThreshold < 1 || requestInterval.isNegative() || rateLimitBackoff.isNegative()) {
            throw new IllegalArgumentException("split.market-data.yahoo.max-in-flight and breaker-threshold must be at"
                    + " least 1 and its durations not negative");
        }
    }

    /** The wait after the {@code n}th 429 in a row: doubling from {@code rateLimitBackoff}, at most {@code maxBackoff}. */
    Duration backoff(long n) {
        Duration delay = rateLimitBackoff.multipliedBy(1L << Math.min(Math.max(n - 1, 0), 20));
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
