package com.split.yahoo.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offline provider's calibrated symbols: what a reader who follows stocks would check first. */
class CalibratedMarketTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final List<String> DEFAULT_PORTFOLIO =
            List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "JPM", "JNJ", "XOM", "KO", "WMT");

    final CalibratedProfiles profiles = CalibratedProfiles.load();
    final OfflineMarketDataProvider provider = new OfflineMarketDataProvider(profiles);

    PriceHistory prices(String symbol, LocalDate from, LocalDate to) {
        return ((Fetched.Found<PriceHistory>) provider.prices(symbol, from, to)).value();
    }

    Fundamentals fundamentals(String symbol, LocalDate asOf) {
        return ((Fetched.Found<Fundamentals>) provider.fundamentals(symbol, asOf)).value();
    }

    @Test
    void holdsTheSp100TheDefaultPortfolioAndTheMarket() {
        assertThat(profiles.all()).hasSizeGreaterThanOrEqualTo(101);
        assertThat(profiles.all().stream().map(CalibratedProfile::symbol))
                .containsAll(DEFAULT_PORTFOLIO)
                .contains("BRK-B", "GOOG", "META", "TSLA", "^GSPC");
        assertThat(profiles.market().index()).isTrue();
    }

    @Test
    void everyCalibratedSymbolClosesWithinItsBandOnItsStatedDate() {
        for (CalibratedProfile profile : profiles.all()) {
            DailyBar last = prices(profile.symbol(), profile.asOf().minusDays(10), profile.asOf())
                    .bars()
                    .getLast();
            assertThat(last.date()).isEqualTo(profile.asOf());
            assertThat(last.close())
                    .as("%s close on %s", profile.symbol(), profile.asOf())
                    .isBetween(profile.close() * (1 - profile.band()), profile.close() * (1 + profile.band()));
        }
    }

    @Test
    void marketCapIsPriceTimesSharesWithinOnePercent() {
        for (CalibratedProfile profile : profiles.all()) {
            CalibratedProfile.Company company = profile.company();
            if (company == null) {
                continue;
            }
            assertThat(profile.close() * company.shares() / company.marketCap())
                    .as("%s stated market cap", profile.symbol())
                    .isCloseTo(1, within(0.01));
            Fundamentals fundamentals = fundamentals(profile.symbol(), profile.asOf());
            assertThat(fundamentals.marketCap() / company.marketCap())
                    .as("%s market cap on %s", profile.symbol(), profile.asOf())
                    .isCloseTo(1, within(0.01));
            assertThat(fundamentals.sharesOutstanding() / company.shares())
                    .as("%s shares on %s", profile.symbol(), profile.asOf())
                    .isCloseTo(1, within(0.01));
        }
    }

    @Test
    void noCalibratedSymbolEverTradesUnderOneDollar() {
        for (CalibratedProfile profile : profiles.all()) {
            PriceHistory history = prices(profile.symbol(), profile.listed(), TODAY);
            assertThat(history.bars().getFirst().date()).isEqualTo(profile.listed());
            assertThat(history.bars())
                    .as(profile.symbol())
                    .allSatisfy(bar -> assertThat(bar.low()).isGreaterThanOrEqualTo(1.0));
            for (Split split : history.splits()) {
                assertThat(split.numerator())
                        .as("%s splits forward only", profile.symbol())
                        .isBetween(2, 4);
                assertThat(split.denominator()).isEqualTo(1);
            }
        }
    }

    @Test
    void keyStatisticsOnTheStatedDateAreTheStatedOnes() {
        for (CalibratedProfile profile : profiles.all()) {
            CalibratedProfile.Company company = profile.company();
            if (company == null) {
                assertThat(provider.fundamentals(profile.symbol(), TODAY)).isInstanceOf(Fetched.UnknownSymbol.class);
                continue;
            }
            Fundamentals fundamentals = fundamentals(profile.symbol(), profile.asOf());
            String symbol = profile.symbol();
            assertThat(fundamentals.listing().name()).isEqualTo(profile.name());
            assertThat(fundamentals.sector()).isEqualTo(company.sector());
            assertThat(fundamentals.industry()).isEqualTo(company.industry());
            assertThat(fundamentals.beta()).isEqualTo(profile.beta());
            assertThat(fundamentals.debtToEquity())
                    .as("%s D/E", symbol)
                    .isCloseTo(
                            company.totalDebt() / company.equity(),
                            within(Math.abs(company.totalDebt() / company.equity() * 0.01)));
            assertThat(fundamentals.grossMargin())
                    .as("%s gross margin", symbol)
                    .isCloseTo(company.grossMargin(), within(0.1 * Math.abs(company.grossMargin()) + 0.01));
            assertThat(fundamentals.profitMargin())
                    .as("%s profit margin", symbol)
                    .isCloseTo(company.netMargin(), within(0.2 * Math.abs(company.netMargin()) + 0.01));
            if (company.equity() > 0) {
                assertThat(fundamentals.returnOnEquity()).as("%s ROE", symbol).isNotNull();
            } else {
                assertThat(fundamentals.returnOnEquity())
                        .as("%s ROE on negative equity", symbol)
                        .isNull();
            }
            if (company.netMargin() > 0) {
                assertThat(fundamentals.trailingPe()).as("%s P/E", symbol).isBetween(5.0, 1000.0);
            } else {
                assertThat(fundamentals.trailingPe())
                        .as("%s P/E on a loss", symbol)
                        .isNull();
            }
            double dollarVolume = fundamentals.averageVolume() * profile.close();
            assertThat(dollarVolume).as("%s average dollar volume", symbol).isGreaterThan(5e7);
        }
    }

    @Test
    void theDefaultPortfolioIsPricedAsAReaderKnowsIt() {
        for (String symbol : DEFAULT_PORTFOLIO) {
            Fundamentals today = fundamentals(symbol, TODAY);
            DailyBar close = prices(symbol, TODAY.minusDays(7), TODAY).bars().getLast();
            assertThat(close.close()).as("%s close", symbol).isBetween(20.0, 2_000.0);
            assertThat(today.marketCap()).as("%s market cap", symbol).isBetween(1e11, 1e13);
            assertThat(today.trailingPe()).as("%s P/E", symbol).isBetween(5.0, 150.0);
        }
    }

    @Test
    void theMarketFactorIsPlausibleAndStocksMoveWithItByTheirBeta() {
        LocalDate from = TODAY.minusYears(10);
        List<DailyBar> market = prices(CalibratedProfiles.MARKET, from, TODAY).bars();
        double[] marketReturns = returns(market);
        assertThat(volatility(marketReturns)).isCloseTo(profiles.market().volatility(), within(0.03));
        assertThat(market.getLast().close()).isBetween(3_000.0, 12_000.0);
        assertThat(prices(CalibratedProfiles.MARKET, LocalDate.of(1995, 1, 2), LocalDate.of(1995, 1, 31))
                        .bars()
                        .getFirst()
                        .close())
                .isBetween(200.0, 1_500.0);
        for (String symbol : List.of("AAPL", "JPM", "KO", "TSLA")) {
            double[] stock = returns(prices(symbol, from, TODAY).bars());
            CalibratedProfile profile = profiles.get(symbol).orElseThrow();
            assertThat(volatility(stock)).as("%s volatility", symbol).isCloseTo(profile.volatility(), within(0.05));
            assertThat(covariance(stock, marketReturns) / covariance(marketReturns, marketReturns))
                    .as("%s beta", symbol)
                    .isCloseTo(profile.beta(), within(0.2));
        }
    }

    @Test
    void aWindowBeforeTheStatedDateIsPartOfOneThatCrossesIt() {
        PriceHistory shorter = prices("NVDA", LocalDate.of(2019, 1, 1), LocalDate.of(2021, 6, 30));
        PriceHistory longer = prices("NVDA", LocalDate.of(2010, 1, 1), TODAY);
        assertThat(longer.bars()).containsSubsequence(shorter.bars());
        assertThat(longer.splits()).containsAll(shorter.splits());
        assertThat(longer.dividends()).containsAll(shorter.dividends());
        assertThat(shorter.splits())
                .allSatisfy(split -> assertThat(split.date()).isBeforeOrEqualTo(LocalDate.of(2021, 6, 30)));
    }

    @Test
    void splitsMoveTheQuoteButNotTheAdjustedClose() {
        Map<LocalDate, DailyBar> byDate = new HashMap<>();
        PriceHistory history = prices("NVDA", LocalDate.of(1999, 1, 1), TODAY);
        history.bars().forEach(bar -> byDate.put(bar.date(), bar));
        assertThat(history.splits()).isNotEmpty();
        for (Split split : history.splits()) {
            DailyBar after = byDate.get(split.date());
            DailyBar before = byDate.get(TradingDays.before(split.date()));
            assertThat(before.close() / after.close() / split.numerator())
                    .as("split on %s", split.date())
                    .isBetween(0.75, 1.33);
            assertThat(after.adjClose() / before.adjClose()).isBetween(0.75, 1.33);
        }
    }

    static double[] returns(List<DailyBar> bars) {
        double[] returns = new double[bars.size() - 1];
        for (int i = 1; i < bars.size(); i++) {
            returns[i - 1] = Math.log(bars.get(i).adjClose() / bars.get(i - 1).adjClose());
        }
        return returns;
    }

    static double volatility(double[] returns) {
        return Math.sqrt(covariance(returns, returns) * 252);
    }

    static double covariance(double[] a, double[] b) {
        double meanA = java.util.Arrays.stream(a).average().orElseThrow();
        double meanB = java.util.Arrays.stream(b).average().orElseThrow();
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - meanA) * (b[i] - meanB);
        }
        return sum / (a.length - 1);
    }
}
