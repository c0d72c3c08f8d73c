package com.split.finalsel.portfolio;

import java.util.Arrays;

/**
 * Weights in proportion to {@code 1 / σ_i}, none above the cap: a name that would exceed it is held at the cap and its
 * excess shared among the others in the same proportion, until none exceeds it (water-filling). With {@code n * cap <
 * 1} every name ends at the cap and {@code 1 - n * cap} stays unallocated.
 */
public final class InverseVolatility {

    private InverseVolatility() {}

    /**
     * @param volatilities each name's volatility; one that is unknown (NaN) or not positive takes the median of the
     *     known ones, and with none known every name weighs the same
     */
    public static double[] weights(double[] volatilities, double cap) {
        int n = volatilities.length;
        double[] known = Arrays.stream(volatilities).filter(v -> v > 0).sorted().toArray();
        double median = known.length == 0
                ? 1
                : known.length % 2 == 1
                        ? known[known.length / 2]
                        : (known[known.length / 2 - 1] + known[known.length / 2]) / 2;
        double[] inverse = new double[n];
        for (int i = 0; i < n; i++) {
            inverse[i] = 1 / (volatilities[i] > 0 ? volatilities[i] : median);
        }
        double[] weights = new double[n];
        boolean[] capped = new boolean[n];
        double remaining = 1;
        boolean changed = true;
        while (changed) {
            changed = false;
            double free = 0;
            for (int i = 0; i < n; i++) {
                free += capped[i] ? 0 : inverse[i];
            }
            if (free == 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (!capped[i]) {
                    weights[i] = remaining * inverse[i] / free;
                }
            }
            for (int i = 0; i < n; i++) {
                if (!capped[i] && weights[i] > cap) {
                    capped[i] = true;
                    weights[i] = cap;
                    remaining -= cap;
                    changed = true;
                }
            }
        }
        return weights;
    }
}
