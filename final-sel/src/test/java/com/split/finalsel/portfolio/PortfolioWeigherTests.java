package com.split.finalsel.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.split.finalsel.series.PriceSeries;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PortfolioWeigherTests {

    static final PortfolioWeigher WEIGHER = new PortfolioWeigher(0.30, 252, 60);

    /** {@code days} closes of a random walk per ticker, the same dates for all. */
    static Map<String, PriceSeries> prices(List<String> tickers, int days, long seed) {
        Random random = new Random(seed);
        List<LocalDate> dates = dates(days);
        Map<String, PriceSeries> prices = new HashMap<>();
        for (int k = 0; k < tickers.size(); k++) {
            double[] closes = new double[days];
            closes[0] = 100;
            for (int t = 1; t < days; t++) {
                closes[t] = closes[t - 1] * Math.exp(random.nextGaussian() * 0.01 * (1 + k * 0.25));
            }
            prices.put(tickers.get(k), new PriceSeries(tickers.get(k), dates, closes));
        }
        return prices;
    }

    static List<LocalDate> dates(int days) {
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            dates.add(LocalDate.of(2025, 1, 1).plusDays(i));
        }
        return dates;
    }

    static double sum(Weighting weighting) {
        return weighting.weights().values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    @Test
    void aFeasibleBuySetGetsTheMinimumVarianceWeights() {
        List<String> buys = List.of("A", "B", "C", "D", "E");
        Weighting weighting = WEIGHER.weigh(buys, prices(buys, 300, 1), Map.of());

        assertThat(weighting.method()).isEqualTo(WeightingMethod.MIN_VARIANCE);
        assertThat(weighting.observations()).isEqualTo(252);
        assertThat(weighting.shrinkage()).isBetween(0.0, 1.0);
        assertThat(sum(weighting)).isCloseTo(1, within(1e-9));
        assertThat(weighting.weights().values()).allSatisfy(w -> assertThat(w).isBetween(0.0, 0.30));
        assertThat(weighting.weights().get("A"))
                .as("the calmest name weighs most")
                .isGreaterThan(weighting.weights().get("E"));
        assertThat(weighting.unallocated()).isZero();
        assertThat(weighting.reason()).contains("minimum variance", "252 daily returns", "Ledoit-Wolf");
    }

    @Test
    void tooFewNamesForTheCapFallBackToInverseVolatilityAtTheCap() {
        Weighting weighting =
                WEIGHER.weigh(List.of("A", "B", "C"), prices(List.of("A", "B", "C"), 300, 1), Map.of("A", 0.2));

        assertThat(weighting.method()).isEqualTo(WeightingMethod.INVERSE_VOLATILITY);
        assertThat(weighting.reason()).contains("3 names x cap 0.30 < 1", "0.10 unallocated");
        assertThat(weighting.weights()).containsOnlyKeys("A", "B", "C");
        assertThat(weighting.weights().values()).allSatisfy(w -> assertThat(w).isCloseTo(0.30, within(1e-12)));
        assertThat(weighting.unallocated()).isCloseTo(0.10, within(1e-12));
    }

    @Test
    void oneBuyNameWeighsOneOnlyWhenTheCapAllows() {
        assertThat(new PortfolioWeigher(1, 252, 60).weigh(List.of("A"), Map.of(), Map.of()))
                .satisfies(weighting -> {
                    assertThat(weighting.method()).isEqualTo(WeightingMethod.MIN_VARIANCE);
                    assertThat(weighting.weights()).containsExactlyEntriesOf(Map.of("A", 1.0));
                });
        Weighting capped = WEIGHER.weigh(List.of("A"), Map.of(), Map.of());
        assertThat(capped.method()).isEqualTo(WeightingMethod.INVERSE_VOLATILITY);
        assertThat(capped.weights()).containsExactlyEntriesOf(Map.of("A", 0.30));
        assertThat(capped.unallocated()).isCloseTo(0.70, within(1e-12));
        assertThat(capped.reason()).contains("one Buy name: the cap 0.30 holds it at 0.30, 0.70 unallocated");
    }

    @Test
    void tooFewCommonReturnsFallBackToInverseVolatility() {
        List<String> buys = List.of("A", "B", "C", "D");
        Weighting weighting = WEIGHER.weigh(buys, prices(buys, 41, 3), Map.of("A", 0.1, "B", 0.2, "C", 0.2, "D", 0.4));

        assertThat(weighting.method()).isEqualTo(WeightingMethod.INVERSE_VOLATILITY);
        assertThat(weighting.reason()).contains("40 common daily returns, fewer than 60");
        // 10 : 5 : 5 : 2.5 of 22.5 puts A at 0.444: capped at 0.30, the rest 2 : 2 : 1
        assertThat(weighting.weights().get("A")).isCloseTo(0.30, within(1e-12));
        assertThat(weighting.weights().get("B")).isCloseTo(0.28, within(1e-12));
        assertThat(weighting.weights().get("D")).isCloseTo(0.14, within(1e-12));
        assertThat(sum(weighting)).isCloseTo(1, within(1e-12));
    }

    @Test
    void aBuyWithoutPricesFallsBackToInverseVolatility() {
        List<String> buys = List.of("A", "B", "C", "D");
        Map<String, PriceSeries> prices = prices(List.of("A", "B", "C"), 300, 4);

        Weighting weighting = WEIGHER.weigh(buys, prices, Map.of());

        assertThat(weighting.method()).isEqualTo(WeightingMethod.INVERSE_VOLATILITY);
        assertThat(weighting.reason()).contains("no prices for D");
        assertThat(weighting.weights().values()).allSatisfy(w -> assertThat(w).isCloseTo(0.25, within(1e-12)));
    }

    @Test
    void aBuyWhoseReturnsDoNotVaryFallsBackToInverseVolatility() {
        List<String> buys = List.of("A", "B", "C", "D");
        Map<String, PriceSeries> prices = new HashMap<>(prices(List.of("A", "B", "C"), 300, 5));
        double[] constant = new double[300];
        Arrays.fill(constant, 50);
        prices.put("D", new PriceSeries("D", dates(300), constant));

        Weighting weighting = WEIGHER.weigh(buys, prices, Map.of());

        assertThat(weighting.method()).isEqualTo(WeightingMethod.INVERSE_VOLATILITY);
        assertThat(weighting.reason()).contains("the returns of D do not vary");
        assertThat(sum(weighting)).isCloseTo(1, within(1e-12));
    }

    @Test
    void noBuyIsNoWeighting() {
        Weighting weighting = WEIGHER.weigh(List.of(), Map.of(), Map.of());
        assertThat(weighting.method()).isEqualTo(WeightingMethod.NONE);
        assertThat(weighting.weights()).isEmpty();
    }
}
