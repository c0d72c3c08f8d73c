package com.split.portfolio.config;

import com.split.portfolio.UserIds;
import com.split.tasks.Symbols;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * portfolio-mngr settings.
 *
 * @param eventSrvUrl where event-srv answers: the run view links each task to its journal there
 * @param runStaleAfter how long a RUNNING run may go without its {@code run_completed} before it counts as lost: it
 *     is ended as TIMEOUT and no longer blocks a refresh. Longer than the orchestrator's own run timeout (10m), so that
 *     the orchestrator's TIMEOUT normally arrives first
 * @param staleSweepInterval how often stale runs are looked for and ended, so that a lost run shows as TIMEOUT without
 *     waiting for the next refresh
 * @param maxTickers the most tickers one portfolio holds, which bounds the work of one refresh
 * @param maxRequestSize the largest request body the API reads (1B to under 2GB); a larger one is a 413
 * @param seed the portfolio created at first start
 * @param dailyRefresh when portfolios are refreshed each day without anyone asking
 * @param stocksSchema the schema of yahoo-gateway's tables, whose {@code stock_prices} portfolio-mngr may only read
 *     (the page's price chart); empty means the datasource's own schema
 */
@Validated
@ConfigurationProperties("split.portfolio")
public record PortfolioProperties(
        @DefaultValue("http://localhost:8086") @NotNull URI eventSrvUrl,
        @DefaultValue("15m") @NotNull Duration runStaleAfter,
        @DefaultValue("1m") @NotNull Duration staleSweepInterval,
        @DefaultValue("100") @Min(1) @Max(1000) int maxTickers,
        @DefaultValue("1MB") @NotNull DataSize maxRequestSize,
        @DefaultValue @Valid Seed seed,
        @DefaultValue @Valid DailyRefresh dailyRefresh,

        @DefaultValue("split_stocks") @Pattern(regexp = "[A-Za-z0-9_$]*")
        String stocksSchema) {

    public PortfolioProperties {
        if (runStaleAfter.isNegative() || runStaleAfter.isZero()) {
            throw new IllegalArgumentException("split.portfolio.run-stale-after must be positive");
        }
        if (staleSweepInterval.isNegative() || staleSweepInterval.isZero()) {
            throw new IllegalArgumentException("split.portfolio.stale-sweep-interval must be positive");
        }
    }

    /**
     * The default portfolio, created once: when no portfolio of {@code userId} has {@code name} yet.
     *
     * @param enabled whether to create it at all
     * @param userId its owner
     * @param name its name
     * @param tickers its tickers, each a valid symbol
     */
    public record Seed(
            @DefaultValue("true") boolean enabled,

            @DefaultValue("user_zero") @Pattern(regexp = UserIds.PATTERN)
            String userId,

            @DefaultValue("Default") @NotEmpty @Size(max = 100)
            String name,

            @DefaultValue({"AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "JPM", "JNJ", "XOM", "KO", "WMT"}) @NotNull
            List<String> tickers) {

        public Seed {
            for (String ticker : tickers) {
                if (!Symbols.isValid(ticker)) {
                    throw new IllegalArgumentException(
                            "split.portfolio.seed.tickers: '%s' is not a valid symbol".formatted(ticker));
                }
            }
            tickers = List.copyOf(tickers);
        }
    }

    /**
     * Each portfolio's daily refresh, published by a recurring schedule of the bus (one per portfolio).
     *
     * @param enabled false turns every portfolio's daily refresh off, whatever its own setting
     * @param at the local time of day it runs at, unless a portfolio sets its own: after the US market's close
     * @param zone the time zone of {@code at}
     * @param days the days of the week it runs on, as a cron day-of-week field ({@code MON-FRI})
     * @param onByDefaultFor the users whose portfolios have it on until they turn it off; everyone else's are off until
     *     turned on
     */
    public record DailyRefresh(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("16:30") @NotNull LocalTime at,
            @DefaultValue("America/New_York") @NotNull ZoneId zone,
            @DefaultValue("MON-FRI") @NotEmpty String days,
            @DefaultValue("user_zero") @NotNull List<String> onByDefaultFor) {

        public DailyRefresh {
            try {
                CronExpression.parse(cron(at, days));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "split.portfolio.daily-refresh.days '%s' is not a cron day-of-week field such as MON-FRI"
                                .formatted(days),
                        e);
            }
            onByDefaultFor = List.copyOf(onByDefaultFor);
        }

        /** The six-field cron expression of a daily refresh at {@code time} on {@link #days}. */
        public String cron(LocalTime time) {
            return cron(time, days);
        }

        private static String cron(LocalTime time, String days) {
            return "0 %d %d * * %s".formatted(time.getMinute(), time.getHour(), days);
        }
    }
}
