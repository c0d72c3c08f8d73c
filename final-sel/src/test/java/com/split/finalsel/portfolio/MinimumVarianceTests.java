package com.split.finalsel.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MinimumVarianceTests {

    static final double[] VOLATILITIES = {0.010, 0.011, 0.012, 0.013, 0.014};

    static final double[][] CORRELATIONS = {
        {1.00, 0.30, 0.20, 0.25, 0.10},
        {0.30, 1.00, 0.35, 0.20, 0.15},
        {0.20, 0.35, 1.00, 0.30, 0.25},
        {0.25, 0.20, 0.30, 1.00, 0.20},
        {0.10, 0.15, 0.25, 0.20, 1.00}
    };

    /** A fixed daily covariance of five assets. */
    static double[][] covariance() {
        double[][] sigma = new double[5][5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                sigma[i][j] = VOLATILITIES[i] * VOLATILITIES[j] * CORRELATIONS[i][j];
            }
        }
        return sigma;
    }

    @Test
    void matchesTheClosedFormWhereNoBoundBinds() {
        double[][] sigma = covariance();
        // w = Σ⁻¹1 / 1ᵀΣ⁻¹1, the minimum-variance portfolio with the budget alone
        double[] reference = normalized(solve(sigma, ones(5)));
        assertThat(Arrays.stream(reference).boxed())
                .allSatisfy(w -> assertThat(w).isBetween(0.05, 0.35)); // no bound binds at cap 0.40

        double[] weights = MinimumVariance.solve(sigma, 0.40).weights();

        assertThat(weights).containsExactly(reference, within(1e-6));
        assertThat(Arrays.stream(weights).sum()).isCloseTo(1, within(1e-9));
    }

    @Test
    void matchesTheKktSolutionWhereTheCapBinds() {
        double[][] sigma = covariance();
        double cap = 0.30;
        // Unbounded, asset 0 would take 0.349: with w0 = cap, the free assets F solve Σ_FF w_F + Σ_F0 cap = λ1 with
        // 1ᵀw_F = 1 - cap, so w_F = λ Σ_FF⁻¹1 - cap Σ_FF⁻¹Σ_F0 and λ = (1 - cap + cap 1ᵀΣ_FF⁻¹Σ_F0) / 1ᵀΣ_FF⁻¹1.
        assertThat(normalized(solve(sigma, ones(5)))[0]).isGreaterThan(cap);
        double[][] free = new double[4][4];
        double[] toCapped = new double[4];
        for (int i = 0; i < 4; i++) {
            toCapped[i] = sigma[i + 1][0];
            for (int j = 0; j < 4; j++) {
                free[i][j] = sigma[i + 1][j + 1];
            }
        }
        double[] a = solve(free, ones(4));
        double[] b = solve(free, toCapped);
        double lambda =
                (1 - cap + cap * Arrays.stream(b).sum()) / Arrays.stream(a).sum();
        double[] reference = new double[5];
        reference[0] = cap;
        for (int i = 0; i < 4; i++) {
            reference[i + 1] = lambda * a[i] - cap * b[i];
        }

        double[] weights = MinimumVariance.solve(sigma, cap).weights();

        assertThat(weights).containsExactly(reference, within(1e-6));
        // KKT: every free asset has the same marginal variance λ, the capped one less (its multiplier is >= 0)
        double[] marginal = multiply(sigma, weights);
        for (int i = 1; i < 5; i++) {
            assertThat(marginal[i]).isCloseTo(lambda, within(1e-9));
            assertThat(weights[i]).isStrictlyBetween(0.0, cap);
        }
        assertThat(marginal[0]).isLessThan(lambda);
    }

    @Test
    void weightsOfAManyAssetProblemSumToOneWithinTheirBounds() {
        int n = 60;
        Random random = new Random(42);
        double[][] returns = new double[250][n];
        for (double[] day : returns) {
            double market = random.nextGaussian() * 0.01;
            for (int i = 0; i < n; i++) {
                day[i] = (0.5 + i % 5 * 0.2) * market + random.nextGaussian() * 0.01 * (1 + i % 3);
            }
        }
        double[][] sigma = LedoitWolf.shrink(returns).covariance();
        double cap = 0.10;

        double[] weights = MinimumVariance.solve(sigma, cap).weights();

        assertThat(Arrays.stream(weights).sum()).isCloseTo(1, within(1e-9));
        assertThat(Arrays.stream(weights).boxed()).allSatisfy(w -> assertThat(w).isBetween(0.0, cap));
        // KKT: the names strictly inside their bounds share the largest marginal variance below the capped ones
        double[] marginal = multiply(sigma, weights);
        double lambda = Double.NaN;
        for (int i = 0; i < n; i++) {
            if (weights[i] > 1e-6 && weights[i] < cap - 1e-6) {
                lambda = marginal[i];
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            if (weights[i] > 1e-6 && weights[i] < cap - 1e-6) {
                assertThat(marginal[i]).isCloseTo(lambda, within(lambda * 1e-4));
            } else if (weights[i] <= 1e-6) {
                assertThat(marginal[i]).isGreaterThanOrEqualTo(lambda * (1 - 1e-4));
            } else {
                assertThat(marginal[i]).isLessThanOrEqualTo(lambda * (1 + 1e-4));
            }
        }
    }

    static double[] ones(int n) {
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        return ones;
    }

    static double[] normalized(double[] values) {
        double sum = Arrays.stream(values).sum();
        return Arrays.stream(values).map(v -> v / sum).toArray();
    }

    static double[] multiply(double[][] matrix, double[] vector) {
        double[] product = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            for (int j = 0; j < vector.length; j++) {
                product[i] += matrix[i][j] * vector[j];
            }
        }
        return product;
    }

    /** {@code A⁻¹b} by Gaussian elimination with partial pivoting: the reference owes nothing to ojAlgo. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int row = 0; row < n; row++) {
                if (row != col) {
                    double factor = m[row][col] / m[col][col];
                    for (int k = col; k <= n; k++) {
                        m[row][k] -= factor * m[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }
}
