package com.split.finalsel.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReturnsTests {

    /** Closes whose daily log returns are exactly {@code returns}, from 100. */
    static double[] closesWithLogReturns(double... returns) {
        double[] closes = new double[returns.length + 1];
        closes[0] = 100;
        for (int t = 0; t < returns.length; t++) {
            closes[t + 1] = closes[t] * Math.exp(returns[t]);
        }
        return closes;
    }

    @Test
    void logReturnsAreTheLogsOfConsecutiveRatios() {
        assertThat(Returns.logReturns(new double[] {100, 110, 99}))
                .containsExactly(new double[] {Math.log(1.1), Math.log(0.9)}, within(1e-15));
        assertThat(Returns.logReturns(new double[] {100})).isEmpty();
    }

    @Test
    void momentumIsTheReturnFromLookbackToSkipDaysAgo() {
        // t = 4: P[t-1] = 120 over P[t-4] = 100; the last day (90) is skipped
        assertThat(Returns.momentum(new double[] {100, 105, 110, 120, 90}, 4, 1).getAsDouble())
                .isCloseTo(0.20, within(1e-15));
    }

    @Test
    void twelveMinusOneMomentumSkipsTheLastMonthOfAYear() {
        double[] closes = new double[253];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = 100 + i; // P[t-252] = 100, P[t-21] = 331, P[t] = 352
        }
        assertThat(Returns.momentum(closes, 252, 21).getAsDouble()).isCloseTo(2.31, within(1e-12));
    }

    @Test
    void momentumNeedsOneCloseMoreThanItsLookback() {
        assertThat(Returns.momentum(new double[252], 252, 21)).isEmpty();
        assertThat(Returns.momentum(new double[] {0, 1, 2, 3, 4}, 4, 1))
                .as("a close that is not positive")
                .isEmpty();
    }

    @Test
    void volatilityIsTheAnnualizedSampleDeviationOfTheLastLogReturns() {
        // returns 0.01, -0.01, 0.02, 0: mean 0.005, squared deviations sum to 5e-4, / (4 - 1), x 252, square root
        double[] closes = closesWithLogReturns(0.05, 0.01, -0.01, 0.02, 0.00);
        assertThat(Returns.annualizedVolatility(closes, 4, 252).getAsDouble())
                .isCloseTo(Math.sqrt(5e-4 / 3 * 252), within(1e-12))
                .isCloseTo(0.204939, within(1e-6));
    }

    @Test
    void sixtyDayVolatilityOfAlternatingMoves() {
        double[] returns = new double[80];
        for (int t = 0; t < returns.length; t++) {
            returns[t] = t < 20 ? 0.05 : (t % 2 == 0 ? 0.01 : -0.01); // the first 20 lie outside the window
        }
        double expected = 0.01 * Math.sqrt(60.0 / 59) * Math.sqrt(252); // mean 0, sum of squares 60e-4, / 59
        assertThat(Returns.annualizedVolatility(closesWithLogReturns(returns), 60, 252)
                        .getAsDouble())
                .isCloseTo(expected, within(1e-12));
        assertThat(Returns.annualizedVolatility(new double[60], 60, 252)).isEmpty();
    }

    @Test
    void alignedReturnsUseTheDatesEveryTickerTraded() {
        LocalDate monday = LocalDate.of(2026, 11, 2);
        List<LocalDate> week = List.of(monday, monday.plusDays(1), monday.plusDays(2), monday.plusDays(3));
        PriceSeries a = new PriceSeries("A", week, new double[] {100, 110, 121, 133.1});
        List<LocalDate> noTuesday = new ArrayList<>(week);
        noTuesday.remove(1);
        PriceSeries b = new PriceSeries("B", noTuesday, new double[] {50, 40, 20});

        AlignedReturns aligned = AlignedReturns.of(List.of(a, b), 10);

        assertThat(aligned.dates()).containsExactly(monday.plusDays(2), monday.plusDays(3));
        assertThat(aligned.returns()[0]).containsExactly(new double[] {Math.log(1.21), Math.log(0.8)}, within(1e-12));
        assertThat(aligned.returns()[1]).containsExactly(new double[] {Math.log(1.1), Math.log(0.5)}, within(1e-12));
        assertThat(AlignedReturns.of(List.of(a, b), 1).observations()).isEqualTo(1);
    }
}
