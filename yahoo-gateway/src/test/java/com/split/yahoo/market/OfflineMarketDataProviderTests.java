package com.split.yahoo.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfflineMarketDataProviderTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    final OfflineMarketDataProvider provider = new OfflineMarketDataProvider();

    PriceHistory prices(String symbol, LocalDate from, LocalDate to) {
        return ((Fetched.Found<PriceHistory>) provider.prices(symbol, from, to)).value();
    }

    Fundamentals fundamentals(String symbol) {
        return ((Fetched.Found<Fundamentals>) provider.fundamentals(symbol, TODAY)).value();
    }

    /** Fifty made-up symbols, so that facts hold across many profiles and not one lucky seed. */
    static List<String> symbols() {
        return IntStream.range(0, 50)
                .mapToObj(i -> "S" + (char) ('A' + i % 26) + (char) ('A' + i / 26) + "X")
                .toList();
    }

    @Test
    void givesTheSameNumbersForTheSameSymbolAndWindow() {
        LocalDate from = TODAY.minusYears(2);
        assertThat(prices("AAPL", from, TODAY)).isEqualTo(prices("AAPL", from, TODAY));
        assertThat(new OfflineMarketDataProvider().fundamentals("AAPL", TODAY))
                .isEqualTo(provider.fundamentals("AAPL", TODAY));
        assertThat(prices("AAPL", from, TODAY).bars())
                .isNotEqualTo(prices("MSFT", from, TODAY).bars());
    }

    @Test
    void aLongerWindowHoldsTheShorterOnesBarsUnchanged() {
        PriceHistory shorter = prices("MSFT", LocalDate.of(2025, 3, 1), LocalDate.of(2025, 9, 30));
        PriceHistory longer = prices("MSFT", LocalDate.of(2020, 1, 1), TODAY);
        assertThat(longer.bars()).containsSubsequence(shorter.bars());
        assertThat(longer.bars()).containsAll(shorter.bars());
        assertThat(longer.dividends()).containsAll(shorter.dividends());
    }

    @Test
    void barsFallOnTradingDaysOnlyOnePerDayInOrder() {
        LocalDate from = TODAY.minusYears(2);
        PriceHistory history = prices("BRK-B", from, TODAY);
        assertThat(history.bars()).hasSize((int) TradingDays.count(from, TODAY));
        assertThat(history.bars())
                .allSatisfy(
                        bar -> assertThat(TradingDays.isTradingDay(bar.date())).isTrue());
        assertThat(history.bars())
                .extracting(DailyBar::date)
                .isSorted()
                .doesNotHaveDuplicates()
                .first()
                .isEqualTo(TradingDays.onOrAfter(from));
    }

    @Test
    void barsArePlausible() {
        for (String symbol : symbols()) {
            List<DailyBar> bars = prices(symbol, TODAY.minusYears(5), TODAY).bars();
            assertThat(bars).allSatisfy(bar -> {
                assertThat(bar.low()).isPositive().isLessThanOrEqualTo(Math.min(bar.open(), bar.close()));
                assertThat(bar.high()).isGreaterThanOrEqualTo(Math.max(bar.open(), bar.close()));
                assertThat(bar.close()).isBetween(0.5, 5_000.0);
                assertThat(bar.adjClose()).isPositive();
                assertThat(bar.volume()).isPositive();
            });
            for (int i = 1; i < bars.size(); i++) {
                double total = bars.get(i).adjClose() / bars.get(i - 1).adjClose();
                assertThat(total)
                        .as("%s daily total return on %s", symbol, bars.get(i).date())
                        .isBetween(0.75, 1.33);
            }
        }
    }

    @Test
    void longHistoriesHaveDividendsAndSplitsThatMoveThePrices() {
        LocalDate from = TODAY.minusYears(25);
        int splits = 0;
        int payers = 0;
        for (String symbol : symbols()) {
            PriceHistory history = prices(symbol, from, TODAY);
            Map<LocalDate, DailyBar> byDate =
                    history.bars().stream().collect(Collectors.toMap(DailyBar::date, Function.identity()));
            for (Split split : history.splits()) {
                DailyBar after = byDate.get(split.date());
                DailyBar before = byDate.get(TradingDays.before(split.date()));
                if (before == null) {
                    continue; // split on the listing's first days, before the window
                }
                double ratio = before.close() / after.close();
                double shares = (double) split.numerator() / split.denominator();
                assertThat(ratio / shares)
                        .as("%s split on %s", symbol, split.date())
                        .isBetween(0.7, 1.4);
                splits++;
            }
            if (!history.dividends().isEmpty()) {
                payers++;
                assertThat(history.dividends())
                        .allSatisfy(dividend -> assertThat(dividend.amount()).isPositive());
                assertThat(history.dividends())
                        .allSatisfy(dividend -> assertThat(dividend.exDate().getMonthValue() % 3)
                                .isEqualTo(2));
            }
        }
        assertThat(splits).isGreaterThan(5);
        assertThat(payers).isBetween(15, 45);
    }

    @Test
    void statementsOfTwoFiscalYearsAgreeWithTheKeyStatistics() {
        for (String symbol : symbols()) {
            Fundamentals fundamentals = fundamentals(symbol);
            Map<LocalDate, Map<LineItem, Double>> years = fundamentals.statements().stream()
                    .collect(Collectors.groupingBy(
                            StatementLine::periodEnd, Collectors.toMap(StatementLine::item, StatementLine::value)));
            assertThat(years).hasSize(2);
            List<LocalDate> ends = years.keySet().stream().sorted().toList();
            assertThat(ends.get(1)).isBefore(TODAY).isAfter(TODAY.minusMonths(15));
            assertThat(ends.get(0))
                    .isEqualTo(ends.get(1)
                            .minusYears(1)
                            .withDayOfMonth(1)
                            .plusMonths(1)
                            .minusDays(1));
            for (Map<LineItem, Double> year : years.values()) {
                assertThat(year).containsOnlyKeys(LineItem.values());
                double assets = year.get(LineItem.TOTAL_ASSETS);
                assertThat(year.get(LineItem.TOTAL_LIABILITIES) + year.get(LineItem.STOCKHOLDERS_EQUITY))
                        .isEqualTo(assets);
                assertThat(year.get(LineItem.STOCKHOLDERS_EQUITY)).isPositive();
                assertThat(year.get(LineItem.CURRENT_ASSETS) - year.get(LineItem.CURRENT_LIABILITIES))
                        .isEqualTo(year.get(LineItem.WORKING_CAPITAL));
                assertThat(year.get(LineItem.CURRENT_ASSETS)).isLessThan(assets);
                assertThat(year.get(LineItem.LONG_TERM_DEBT)).isLessThanOrEqualTo(year.get(LineItem.TOTAL_DEBT));
                assertThat(year.get(LineItem.GROSS_PROFIT)).isLessThan(year.get(LineItem.TOTAL_REVENUE));
                assertThat(year.get(LineItem.EBIT)).isLessThan(year.get(LineItem.GROSS_PROFIT));
                assertThat(year.get(LineItem.DILUTED_AVERAGE_SHARES))
                        .isGreaterThanOrEqualTo(year.get(LineItem.ORDINARY_SHARES_NUMBER));
            }
            Map<LineItem, Double> latest = years.get(ends.get(1));
            Map<LineItem, Double> previous = years.get(ends.get(0));
            assertThat(latest.get(LineItem.TOTAL_REVENUE) / previous.get(LineItem.TOTAL_REVENUE))
                    .as("%s revenue growth", symbol)
                    .isBetween(0.4, 2.5);

            double netIncome = latest.get(LineItem.NET_INCOME);
            double equity = latest.get(LineItem.STOCKHOLDERS_EQUITY);
            assertThat(fundamentals.returnOnEquity()).isCloseTo(netIncome / equity, within(1e-6));
            assertThat(fundamentals.returnOnAssets())
                    .isCloseTo(netIncome / latest.get(LineItem.TOTAL_ASSETS), within(1e-6));
            assertThat(fundamentals.debtToEquity())
                    .isCloseTo(latest.get(LineItem.TOTAL_DEBT) / equity, within(1e-6))
                    .isBetween(0.0, 10.0);
            assertThat(fundamentals.currentRatio())
                    .isCloseTo(
                            latest.get(LineItem.CURRENT_ASSETS) / latest.get(LineItem.CURRENT_LIABILITIES),
                            within(1e-6));
            assertThat(fundamentals.profitMargin())
                    .isCloseTo(netIncome / latest.get(LineItem.TOTAL_REVENUE), within(1e-6));
            assertThat(fundamentals.grossMargin()).isBetween(0.0, 1.0);

            DailyBar close = prices(symbol, TODAY.minusDays(7), TODAY).bars().getLast();
            assertThat(fundamentals.marketCap())
                    .isCloseTo(close.close() * fundamentals.sharesOutstanding(), within(1.0));
            if (netIncome > 0) {
                assertThat(fundamentals.trailingPe()).as("%s P/E", symbol).isBetween(1.0, 400.0);
            } else {
                assertThat(fundamentals.trailingPe()).isNull();
            }
            assertThat(fundamentals.averageVolume()).isPositive();
            assertThat(fundamentals.beta()).isBetween(0.3, 2.2);
            assertThat(fundamentals.sector()).isNotBlank();
        }
    }

    @Test
    void theSameFiscalYearStaysTheSameAsDaysGoBy() {
        Fundamentals today = fundamentals("KO");
        Fundamentals later = ((Fetched.Found<Fundamentals>) provider.fundamentals("KO", TODAY.plusDays(20))).value();
        assertThat(later.statements()).containsExactlyInAnyOrderElementsOf(today.statements());
    }

    @ParameterizedTest
    @ValueSource(strings = {"aapl", "BAD SYMBOL", ""})
    void invalidSymbolsAreUnknown(String symbol) {
        assertThat(provider.prices(symbol, TODAY.minusDays(10), TODAY)).isInstanceOf(Fetched.UnknownSymbol.class);
        assertThat(provider.fundamentals(symbol, TODAY)).isInstanceOf(Fetched.UnknownSymbol.class);
    }

    @Test
    void indicesHavePricesButNoFundamentals() {
        assertThat(prices("^GSPC", TODAY.minusDays(10), TODAY).bars()).isNotEmpty();
        assertThat(provider.fundamentals("^GSPC", TODAY)).isInstanceOf(Fetched.UnknownSymbol.class);
    }
}
