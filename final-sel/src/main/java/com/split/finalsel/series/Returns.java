package com.split.finalsel.series;

import java.util.OptionalDouble;

/**
 * Return statistics of adjusted closes (oldest first). A statistic that has too few closes, or a close that is not
 * positive, is empty rather than a guess.
 */
public final class Returns {

    private Returns() {}

    /** {@code ln(P[t] / P[t-1])} for each day after the first. */
    public static double[] logReturns(double[] closes) {
        double[] returns = new double[Math.max(0, closes.length - 1)];
        for (int t = 1; t < closes.length; t++) {
            returns[t - 1] = Math.log(closes[t] / closes[t - 1]);
        }
        return returns;
    }

    /**
     * Momentum {@code P[t-skip] / P[t-lookback] - 1}, where {@code t} is the last close: with 252 and 21, the 12-1
     * momentum of Jegadeesh &amp; Titman (1993), which leaves out the last month because it tends to reverse.
     * Needs {@code lookback + 1} closes.
     */
    public static OptionalDouble momentum(double[] closes, int lookback, int skip) {
        int t = closes.length - 1;
        if (t < lookback) {
            return OptionalDouble.empty();
        }
        double start = closes[t - lookback];
        double end = closes[t - skip];
        if (!(start > 0 && end > 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(end / start - 1);
    }

    /**
     * Annualized volatility: the sample standard deviation of the last {@code days} daily log returns times
     * {@code sqrt(periodsPerYear)}. Needs {@code days + 1} closes.
     */
    public static OptionalDouble annualizedVolatility(double[] closes, int days, int periodsPerYear) {
        if (days < 2 || closes.length < days + 1) {
            return OptionalDouble.empty();
        }
        double[] window = new double[days + 1];
        System.arraycopy(closes, closes.length - days - 1, window, 0, days + 1);
        for (double close : window) {
            if (!(close > 0)) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.of(Math.sqrt(sampleVariance(logReturns(window)) * periodsPerYear));
    }

    /** The unbiased sample variance (divided by n - 1). */
    static double sampleVariance(double[] values) {
        double mean = 0;
        for (double value : values) {
            mean += value;
        }
        mean /= values.length;
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return sum / (values.length - 1);
    }
}
