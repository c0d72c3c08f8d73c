package com.split.initfilter.screening;

import java.util.Arrays;

/**
 * Robust z-scores of a cross-section: (x − median) / (1.4826 · MAD), which one outlier cannot drag as it drags a mean
 * and a standard deviation. When more than half the values are equal the MAD is 0, and the mean absolute deviation
 * (× 1.2533, its normal-consistency factor) stands in; when every value is equal, every z is 0.
 */
final class RobustZ {

    private static final double MAD_SCALE = 1.4826;
    private static final double MEAN_AD_SCALE = 1.2533;

    private final double median;
    private final double scale;

    /** The statistics of the finite values among {@code values}; infinite ones are extremes, not data. */
    RobustZ(double[] values) {
        double[] finite =
                Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            median = 0;
            scale = 0;
            return;
        }
        median = median(finite);
        double[] deviations = Arrays.stream(finite)
                .map(value -> Math.abs(value - median))
                .sorted()
                .toArray();
        double mad = median(deviations);
        scale = mad > 0
                ? MAD_SCALE * mad
                : MEAN_AD_SCALE * Arrays.stream(deviations).average().orElse(0);
    }

    /** The z of {@code value}: 0 when the cross-section has no spread, ±∞ for an infinite value. */
    double z(double value) {
        if (Double.isInfinite(value)) {
            return value;
        }
        return scale > 0 ? (value - median) / scale : 0;
    }

    /** The z winsorized at ±{@code limit} and mapped linearly onto [0, 1]: −limit → 0, 0 → 0.5, +limit → 1. */
    double score(double value, double limit) {
        double clipped = Math.max(-limit, Math.min(limit, z(value)));
        return (clipped + limit) / (2 * limit);
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
