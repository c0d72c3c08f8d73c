package com.split.bench;

import java.util.Arrays;

/**
 * Latency percentiles by the nearest-rank method: the p-th percentile of n samples is the smallest sample that at least
 * p % of the samples do not exceed, so p99 of 100 samples is the 99th smallest, never an interpolated value nobody saw.
 *
 * @param p50 the median, in seconds
 * @param max the largest sample
 */
record Percentiles(int count, double p50, double p90, double p99, double max) {

    static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static Percentiles of(double[] samples) {
        if (samples.length == 0) {
            return NONE;
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Percentiles(
                sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    /** The nearest-rank percentile of ascending samples: index ceil(p/100 × n) − 1. */
    static double rank(double[] sorted, double percent) {
        if (sorted.length == 0 || !(percent > 0) || percent > 100) {
            throw new IllegalArgumentException("need samples and 0 < percent <= 100");
        }
        // Scaled to avoid 0.99 * 100 = 98.99999…: integer hundredths of a percent, then ceiling division.
        long hundredths = Math.round(percent * 100);
        long rank = (hundredths * sorted.length + 9_999) / 10_000;
        return sorted[(int) Math.max(0, rank - 1)];
    }
}
