package com.split.yahoo.market;

import static com.split.yahoo.market.YahooStub.json;
import static com.split.yahoo.market.YahooStub.text;
import static com.split.yahoo.market.YahooStub.tooManyRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Yahoo provider against {@link YahooStub}, for each scenario of Yahoo's behaviour that SPLit relies on. */
class YahooMarketDataProviderTests {

    static final String CHART = "/v8/finance/chart/AAPL";
    static final String SUMMARY = "/v10/finance/quoteSummary/AAPL";
    static final String TIMESERIES = "/ws/fundamentals-timeseries/v1/finance/timeseries/AAPL";
    static final LocalDate FROM = LocalDate.of(2026, 11, 1);
    static final LocalDate TO = LocalDate.of(2026, 11, 25);
    static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);

    final YahooStub yahoo = stub();
    final RecordingGate gate = new RecordingGate(yahoo.properties());
    final YahooMarketDataProvider provider = new YahooMarketDataProvider(new YahooClient(yahoo.properties(), gate));

    /** No pacing; counts 429s in a row as the Redis gate does. */
    static final class RecordingGate implements RequestGate {

        final YahooProperties properties;
        final List<Duration> delays = new ArrayList<>();
        long inARow;

        RecordingGate(YahooProperties properties) {
            this.properties = properties;
        }

        @Override
        public synchronized Permit acquire() {
            return () -> {};
        }

        @Override
        public synchronized Duration rateLimited(@Nullable Duration retryAfter) {
            Duration delay = properties.backoff(++inARow);
            delays.add(delay);
            return delay;
        }

        @Override
        public synchronized void answered() {
            inARow = 0;
        }
    }

    @AfterEach
    void stop() {
        yahoo.close();
    }

    @Test
    void readsBarsDatedInTheExchangesZoneWithDividendsAndSplits() {
        yahoo.on(CHART, json(200, "chart-aapl.json"));

        PriceHistory history = found(provider.prices("AAPL", FROM, TO));

        assertThat(history.listing()).isEqualTo(new Listing("AAPL", "Apple Inc.", "NMS", "USD"));
        assertThat(history.bars())
                .containsExactly(
                        new DailyBar(LocalDate.of(2026, 11, 20), 228.50, 230.20, 227.80, 229.60, 114.66, 48_100_000),
                        new DailyBar(LocalDate.of(2026, 11, 23), 229.10, 231.00, 228.40, 230.55, 115.28, 39_750_000),
                        new DailyBar(LocalDate.of(2026, 11, 24), 115.00, 116.15, 114.80, 116.10, 116.10, 82_400_000));
        assertThat(history.dividends()).containsExactly(new Dividend(LocalDate.of(2026, 11, 23), 0.27));
        assertThat(history.splits()).containsExactly(new Split(LocalDate.of(2026, 11, 24), 2, 1));
        // The chart needs no crumb: no cookie or crumb request before it, and a browser's User-Agent.
        assertThat(yahoo.requests()).extracting(YahooStub.Request::path).containsExactly(CHART);
        assertThat(yahoo.requests(CHART).getFirst().query())
                .contains("interval=1d", "events=div%2Csplits", "period1=", "period2=");
    }

    @Test
    void leavesOutBarsWithoutACloseAndFillsOtherGapsFromTheClose() {
        yahoo.on(CHART, json(200, "chart-nulls.json"));

        PriceHistory history = found(provider.prices("AAPL", FROM, TO));

        assertThat(history.bars())
                .containsExactly(
                        new DailyBar(LocalDate.of(2026, 11, 20), 228.50, 230.20, 227.80, 229.60, 114.66, 0),
                        new DailyBar(LocalDate.of(2026, 11, 24), 116.10, 116.15, 114.80, 116.10, 116.10, 82_400_000));
    }

    @Test
    void anEmptyWindowIsAHistoryWithoutBars() {
        yahoo.on(CHART, json(200, "chart-empty.json"));

        PriceHistory history = found(provider.prices("AAPL", FROM, TO));

        assertThat(history.bars()).isEmpty();
        assertThat(history.dividends()).isEmpty();
    }

    @Test
    void keepsOnlyTheBarsOfTheWindow() {
        yahoo.on(CHART, json(200, "chart-aapl.json"));

        PriceHistory history = found(provider.prices("AAPL", LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 23)));

        assertThat(history.bars()).extracting(DailyBar::date).containsExactly(LocalDate.of(2026, 11, 23));
        assertThat(history.splits()).isEmpty();
    }

    @Test
    void aChart404IsAnUnknownSymbolWithYahoosReason() {
        yahoo.on(CHART, json(404, "chart-unknown.json"));

        assertThat(provider.prices("AAPL", FROM, TO))
                .isEqualTo(new Fetched.UnknownSymbol<>("No data found, symbol may be delisted"));
        assertThat(gate.delays).isEmpty();
    }

    @Test
    void aQuoteSummary404IsAnUnknownSymbol() {
        yahoo.on(SUMMARY, json(404, "quote-summary-unknown.json"));

        assertThat(provider.fundamentals("AAPL", AS_OF))
                .isEqualTo(new Fetched.UnknownSymbol<>("Quote not found for symbol: ZZZZ"));
        assertThat(yahoo.requests(TIMESERIES)).isEmpty();
    }

    @Test
    void a429IsARateLimitWhoseDelayGrowsWithEach429InARow() {
        yahoo.on(CHART, tooManyRequests(), tooManyRequests(), tooManyRequests(), json(200, "chart-aapl.json"));

        for (Duration expected : List.of(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120))) {
            assertThatThrownBy(() -> provider.prices("AAPL", FROM, TO))
                    .isInstanceOfSatisfying(
                            RateLimitedException.class,
                            e -> assertThat(e.delay()).isEqualTo(expected));
        }
        assertThat(found(provider.prices("AAPL", FROM, TO)).bars()).hasSize(3);
        assertThat(gate.inARow).isZero();
    }

    @Test
    void fetchesTheCookieThenTheCrumbAndSendsBoth() {
        stubFundamentals();

        found(provider.fundamentals("AAPL", AS_OF));

        assertThat(yahoo.requests())
                .extracting(YahooStub.Request::path)
                .containsExactly(YahooStub.COOKIE_PATH, YahooStub.CRUMB_PATH, SUMMARY, TIMESERIES);
        assertThat(yahoo.requests(YahooStub.CRUMB_PATH).getFirst().cookie()).contains("A3=d=AQABBK");
        // The crumb may hold a slash: it travels encoded.
        assertThat(yahoo.requests(SUMMARY).getFirst().query()).contains("crumb=ptm%2FidCTN%2FJ", "formatted=false");
        assertThat(yahoo.requests(TIMESERIES).getFirst().query()).contains("crumb=ptm%2FidCTN%2FJ");
    }

    @Test
    void reusesTheCrumb() {
        stubFundamentals();

        found(provider.fundamentals("AAPL", AS_OF));
        found(provider.fundamentals("AAPL", AS_OF));

        assertThat(yahoo.requests(YahooStub.CRUMB_PATH)).hasSize(1);
    }

    @Test
    void aTooManyRequestsCrumbIsARateLimitAndALaterCrumbSucceeds() {
        stubFundamentals();
        yahoo.on(YahooStub.CRUMB_PATH, text(200, "Edge: Too Many Requests"), text(200, YahooStub.CRUMB));

        assertThatThrownBy(() -> provider.fundamentals("AAPL", AS_OF))
                .isInstanceOfSatisfying(
                        RateLimitedException.class, e -> assertThat(e.delay()).isEqualTo(Duration.ofSeconds(30)));
        assertThat(found(provider.fundamentals("AAPL", AS_OF)).trailingPe()).isEqualTo(34.8);
        assertThat(yahoo.requests(SUMMARY)).hasSize(1);
    }

    @Test
    void aCrumbThatIsNoCrumbFailsForARetry() {
        yahoo.on(YahooStub.CRUMB_PATH, text(200, "<html><body>consent</body></html>"));

        assertThatThrownBy(() -> provider.fundamentals("AAPL", AS_OF))
                .isInstanceOf(YahooClient.YahooUnavailableException.class)
                .hasMessageContaining("no crumb");
    }

    @Test
    void anInvalidCrumbIsRenewedOnceAndTheRequestRepeated() {
        stubFundamentals();
        yahoo.on(SUMMARY, json(401, "invalid-crumb.json"), json(200, "quote-summary-aapl.json"));

        assertThat(found(provider.fundamentals("AAPL", AS_OF)).trailingPe()).isEqualTo(34.8);

        assertThat(yahoo.requests())
                .extracting(YahooStub.Request::path)
                .containsExactly(
                        YahooStub.COOKIE_PATH,
                        YahooStub.CRUMB_PATH,
                        SUMMARY,
                        YahooStub.COOKIE_PATH,
                        YahooStub.CRUMB_PATH,
                        SUMMARY,
                        TIMESERIES);
    }

    @Test
    void aCrumbRejectedTwiceFailsForARetry() {
        stubFundamentals();
        yahoo.on(SUMMARY, json(401, "invalid-crumb.json"));

        assertThatThrownBy(() -> provider.fundamentals("AAPL", AS_OF))
                .isInstanceOf(YahooClient.YahooUnavailableException.class)
                .hasMessageContaining("401");
        assertThat(yahoo.requests(SUMMARY)).hasSize(2);
    }

    @Test
    void readsPlainNumbersAndTurnsDebtToEquityPercentIntoARatio() {
        stubFundamentals();

        Fundamentals fundamentals = found(provider.fundamentals("AAPL", AS_OF));

        assertThat(fundamentals.listing()).isEqualTo(new Listing("AAPL", "Apple Inc.", "NasdaqGS", "USD"));
        assertThat(fundamentals.asOf()).isEqualTo(AS_OF);
        assertThat(fundamentals.sector()).isEqualTo("Technology");
        assertThat(fundamentals.industry()).isEqualTo("Consumer Electronics");
        assertThat(fundamentals.marketCap()).isEqualTo(3.431e12);
        assertThat(fundamentals.trailingPe()).isEqualTo(34.8);
        assertThat(fundamentals.forwardPe()).isEqualTo(29.1);
        assertThat(fundamentals.returnOnEquity()).isEqualTo(1.37);
        assertThat(fundamentals.returnOnAssets()).isEqualTo(0.224);
        assertThat(fundamentals.debtToEquity()).isCloseTo(1.519, within(1e-9));
        assertThat(fundamentals.currentRatio()).isEqualTo(0.87);
        assertThat(fundamentals.grossMargin()).isEqualTo(0.462);
        assertThat(fundamentals.operatingMargin()).isEqualTo(0.31);
        assertThat(fundamentals.profitMargin()).isEqualTo(0.243);
        assertThat(fundamentals.operatingCashFlow()).isEqualTo(1.18e11);
        assertThat(fundamentals.freeCashFlow()).isEqualTo(9.6e10);
        assertThat(fundamentals.sharesOutstanding()).isEqualTo(1.484e10);
        assertThat(fundamentals.averageVolume()).isEqualTo(5.2e7);
        assertThat(fundamentals.beta()).isEqualTo(1.21);
    }

    @Test
    void readsRawFmtValuesAndTakesAnEmptyObjectForUnknown() {
        stubFundamentals();
        yahoo.on(SUMMARY, json(200, "quote-summary-formatted.json"));

        Fundamentals fundamentals = found(provider.fundamentals("AAPL", AS_OF));

        assertThat(fundamentals.trailingPe()).isEqualTo(13.2);
        assertThat(fundamentals.forwardPe())
                .as("{} falls back to defaultKeyStatistics")
                .isEqualTo(12.4);
        assertThat(fundamentals.marketCap()).as("{} falls back to price").isEqualTo(6.9e11);
        assertThat(fundamentals.averageVolume()).isEqualTo(9.1e6);
        assertThat(fundamentals.returnOnEquity()).isEqualTo(0.165);
        assertThat(fundamentals.grossMargin()).as("a zero is a value").isEqualTo(0.0);
        assertThat(fundamentals.debtToEquity()).isNull();
        assertThat(fundamentals.currentRatio()).isNull();
        assertThat(fundamentals.freeCashFlow()).isNull();
    }

    @Test
    void keepsTheTwoLatestFiscalYearsAndLeavesMissingTypesUnknown() {
        stubFundamentals();

        Fundamentals fundamentals = found(provider.fundamentals("AAPL", AS_OF));

        LocalDate fy2024 = LocalDate.of(2024, 9, 30);
        LocalDate fy2025 = LocalDate.of(2025, 9, 30);
        assertThat(fundamentals.statements())
                .containsExactlyInAnyOrder(
                        new StatementLine(fy2024, LineItem.TOTAL_DEBT, 106_629_000_000d),
                        new StatementLine(fy2025, LineItem.TOTAL_DEBT, 98_700_000_000d),
                        new StatementLine(fy2025, LineItem.TOTAL_ASSETS, 359_241_000_000d));
        assertThat(yahoo.requests(TIMESERIES).getFirst().query())
                .contains("type=annualTotalAssets%2CannualCurrentAssets", "annualDilutedAverageShares");
    }

    @Test
    void fundamentalsWithoutAnyTimeseriesHaveNoStatementLines() {
        stubFundamentals();
        yahoo.on(TIMESERIES, json(404, "quote-summary-unknown.json"));

        assertThat(found(provider.fundamentals("AAPL", AS_OF)).statements()).isEmpty();
    }

    private void stubFundamentals() {
        yahoo.on(SUMMARY, json(200, "quote-summary-aapl.json"));
        yahoo.on(TIMESERIES, json(200, "timeseries-aapl.json"));
    }

    private static <T> T found(Fetched<T> fetched) {
        assertThat(fetched).isInstanceOf(Fetched.Found.class);
        return ((Fetched.Found<T>) fetched).value();
    }

    private static YahooStub stub() {
        try {
            return new YahooStub();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
