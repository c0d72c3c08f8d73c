package com.split.finalsel.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LedoitWolfTests {

    /**
     * Twelve days of three assets, the first two moving together, the third on its own. The expected figures were
     * computed apart from this code, with NumPy, from the matrix form of the paper's published code (covCor.m):
     * sample 1/T, r̄ = 0.3080, π - ρ over γ = κ = 2.9460, δ = κ / T.
     */
    static final double[][] RETURNS = {
        {0.001, -0.001, -0.004},
        {0.002, 0.000, -0.004},
        {-0.013, -0.009, -0.003},
        {0.003, 0.005, 0.018},
        {0.013, 0.008, -0.005},
        {-0.013, -0.019, -0.004},
        {0.013, 0.011, 0.004},
        {-0.001, -0.007, -0.001},
        {-0.006, -0.008, -0.002},
        {0.019, 0.020, -0.013},
        {0.008, 0.013, 0.000},
        {-0.016, -0.009, -0.005}
    };

    @Test
    void shrinksTowardsTheConstantCorrelationTarget() {
        LedoitWolf.Shrunk shrunk = LedoitWolf.shrink(RETURNS);

        assertThat(shrunk.averageCorrelation()).isCloseTo(0.3079888926258351, within(1e-12));
        assertThat(shrunk.intensity()).isCloseTo(0.24549644640549353, within(1e-12));
        double[][] expected = {
            {1.1663888888888888e-04, 9.0897520676253409e-05, 4.5880270392733565e-06},
            {9.0897520676253409e-05, 1.1788888888888889e-04, 6.7249727727786417e-06},
            {4.5880270392733565e-06, 6.7249727727786417e-06, 4.9243055555555540e-05}
        };
        for (int i = 0; i < 3; i++) {
            assertThat(shrunk.covariance()[i]).as("row %d", i).containsExactly(expected[i], within(1e-18));
        }
    }

    @Test
    void variancesAreKeptAndCovariancesMoveTowardsTheAverageCorrelation() {
        LedoitWolf.Shrunk shrunk = LedoitWolf.shrink(RETURNS);
        double[][] c = shrunk.covariance();
        // the sample variance of the first asset, by hand: mean 0.0008333, divided by T = 12
        double mean = 0;
        for (double[] row : RETURNS) {
            mean += row[0] / RETURNS.length;
        }
        double variance = 0;
        for (double[] row : RETURNS) {
            variance += (row[0] - mean) * (row[0] - mean) / RETURNS.length;
        }
        assertThat(c[0][0]).isCloseTo(variance, within(1e-18));
        double correlation01 = c[0][1] / Math.sqrt(c[0][0] * c[1][1]);
        double correlation02 = c[0][2] / Math.sqrt(c[0][0] * c[2][2]);
        assertThat(correlation01).isLessThan(0.95).isGreaterThan(shrunk.averageCorrelation());
        assertThat(correlation02).isLessThan(shrunk.averageCorrelation());
        assertThat(c[1][2]).isEqualTo(c[2][1]);
    }

    @Test
    void twoAssetsAreTheirOwnTarget() {
        // with two assets the average correlation is theirs: target = sample, γ = 0, nothing to shrink
        double[][] returns = {{0.01, 0.02}, {-0.01, 0.00}, {0.02, 0.01}, {0.00, -0.02}};
        LedoitWolf.Shrunk shrunk = LedoitWolf.shrink(returns);

        assertThat(shrunk.intensity()).isZero();
        // means 0.005 and 0.0025: Σ (x - x̄)(y - ȳ) = 8.75e-5 + 3.75e-5 + 11.25e-5 + 11.25e-5, over T = 4
        assertThat(shrunk.covariance()[0][1]).isCloseTo(8.75e-5, within(1e-18));
        assertThat(shrunk.covariance()[0][0]).isCloseTo(1.25e-4, within(1e-18));
    }

    @Test
    void refusesReturnsThatDoNotVary() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LedoitWolf.shrink(new double[][] {{0.01, 0.0}, {0.02, 0.0}, {0.0, 0.0}}))
                .withMessageContaining("do not vary");
        assertThatIllegalArgumentException().isThrownBy(() -> LedoitWolf.shrink(new double[][] {{0.01, 0.02}}));
    }
}
