package com.split.finalsel.portfolio;

/**
 * Ledoit-Wolf shrinkage of a sample covariance towards the constant-correlation target (Ledoit &amp; Wolf 2004,
 * "Honey, I Shrunk the Sample Covariance Matrix", J. Portfolio Management 30(4)): every pair gets the average sample
 * correlation, every asset keeps its own variance. The estimate is {@code δF + (1 - δ)S} with the intensity
 * {@code δ = max(0, min(1, κ / T))}, {@code κ = (π - ρ) / γ}, as in the paper's appendix and its published code:
 *
 * <ul>
 *   <li>{@code S} the sample covariance of the demeaned returns {@code x}, divided by {@code T} (as the paper does);
 *   <li>{@code π = Σij (1/T) Σt (x_it x_jt - s_ij)²}, the summed asymptotic variances of the sample covariances;
 *   <li>{@code ρ = Σi π_ii + r̄ Σi≠j sqrt(s_jj / s_ii) ϑ_ij}, {@code ϑ_ij = (1/T) Σt (x_it² - s_ii)(x_it x_jt - s_ij)};
 *   <li>{@code γ = ‖F - S‖²} (Frobenius), the misspecification of the target.
 * </ul>
 *
 * The constant-correlation target suits stock returns, which share a market factor; a scaled identity would pull every
 * correlation towards 0.
 */
public final class LedoitWolf {

    private LedoitWolf() {}

    /**
     * @param covariance {@code δF + (1 - δ)S}
     * @param intensity {@code δ}, in [0, 1]
     * @param averageCorrelation {@code r̄}, the target's correlation
     */
    public record Shrunk(double[][] covariance, double intensity, double averageCorrelation) {}

    /**
     * @param returns {@code returns[t][i]}: T observations of N assets, T at least 2
     * @throws IllegalArgumentException if the shape is wrong or an asset's returns do not vary (no correlation exists)
     */
    public static Shrunk shrink(double[][] returns) {
        int observations = returns.length;
        if (observations < 2) {
            throw new IllegalArgumentException("Ledoit-Wolf needs at least 2 observations, has " + observations);
        }
        int assets = returns[0].length;
        // columns of demeaned returns: the inner loops below run over t
        double[][] x = new double[assets][observations];
        for (int i = 0; i < assets; i++) {
            double mean = 0;
            for (double[] row : returns) {
                mean += row[i];
            }
            mean /= observations;
            for (int t = 0; t < observations; t++) {
                x[i][t] = returns[t][i] - mean;
            }
        }
        double[][] sample = new double[assets][assets];
        for (int i = 0; i < assets; i++) {
            for (int j = i; j < assets; j++) {
                double sum = 0;
                for (int t = 0; t < observations; t++) {
                    sum += x[i][t] * x[j][t];
                }
                sample[i][j] = sample[j][i] = sum / observations;
            }
        }
        double[] deviation = new double[assets];
        for (int i = 0; i < assets; i++) {
            if (!(sample[i][i] > 0)) {
                throw new IllegalArgumentException("asset " + i + "'s returns do not vary");
            }
            deviation[i] = Math.sqrt(sample[i][i]);
        }
        if (assets == 1) {
            return new Shrunk(sample, 0, 1);
        }
        double correlations = 0;
        for (int i = 0; i < assets; i++) {
            for (int j = i + 1; j < assets; j++) {
                correlations += sample[i][j] / (deviation[i] * deviation[j]);
            }
        }
        double averageCorrelation = 2 * correlations / ((double) assets * (assets - 1));

        double[][] target = new double[assets][assets];
        double gamma = 0;
        double size = 0; // ‖S‖²
        for (int i = 0; i < assets; i++) {
            for (int j = 0; j < assets; j++) {
                target[i][j] = i == j ? sample[i][i] : averageCorrelation * deviation[i] * deviation[j];
                gamma += (target[i][j] - sample[i][j]) * (target[i][j] - sample[i][j]);
                size += sample[i][j] * sample[i][j];
            }
        }
        double pi = 0;
        double rho = 0;
        for (int i = 0; i < assets; i++) {
            double[] xi = x[i];
            for (int j = 0; j < assets; j++) {
                double[] xj = x[j];
                double products = 0; // Σt (x_it x_jt)²
                double cubes = 0; // Σt x_it³ x_jt
                for (int t = 0; t < observations; t++) {
                    double product = xi[t] * xj[t];
                    products += product * product;
                    cubes += xi[t] * xi[t] * product;
                }
                double piIj = products / observations - sample[i][j] * sample[i][j];
                pi += piIj;
                if (i == j) {
                    rho += piIj;
                } else {
                    double theta = cubes / observations - sample[i][i] * sample[i][j];
                    rho += averageCorrelation * deviation[j] / deviation[i] * theta;
                }
            }
        }
        // a sample equal to its target (up to rounding: two assets, or equal correlations) has nothing to shrink
        double intensity = gamma > 1e-12 * size ? Math.clamp((pi - rho) / gamma / observations, 0.0, 1.0) : 0;
        double[][] covariance = new double[assets][assets];
        for (int i = 0; i < assets; i++) {
            for (int j = 0; j < assets; j++) {
                covariance[i][j] = intensity * target[i][j] + (1 - intensity) * sample[i][j];
            }
        }
        return new Shrunk(covariance, intensity, averageCorrelation);
    }
}
