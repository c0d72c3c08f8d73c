package com.split.finalsel.portfolio;

import com.split.finalsel.Formats;
import com.split.finalsel.series.AlignedReturns;
import com.split.finalsel.series.PriceSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Weights a Buy set: the long-only minimum-variance portfolio on a Ledoit-Wolf shrunk covariance of the names' common
 * daily log returns, or inverse volatility when that problem cannot be posed or solved: the cap cannot hold
 * ({@code n * cap < 1}), a name has no prices or its returns do not vary, there are fewer common returns than
 * {@code minObservations}, or the solver finds no solution. The reason is part of the result. Thread-safe.
 *
 * @param cap the largest weight of one name
 * @param window the most daily returns the covariance is estimated from
 * @param minObservations the fewest common daily returns for a covariance
 */
public record PortfolioWeigher(double cap, int window, int minObservations) {

    private static final Logger log = LoggerFactory.getLogger(PortfolioWeigher.class);

    /**
     * @param buys the Buy set, in the order the weights are listed
     * @param prices adjusted closes by ticker; a Buy without any sends the set to the fallback
     * @param volatilities annualized volatility by ticker, for the fallback; a missing one takes the median
     */
    public Weighting weigh(List<String> buys, Map<String, PriceSeries> prices, Map<String, Double> volatilities) {
        int n = buys.size();
        if (n == 0) {
            return Weighting.none();
        }
        if (n * cap < 1 - 1e-12) {
            double unallocated = 1 - n * cap;
            String reason = n == 1
                    ? "one Buy name: the cap %s holds it at %s, %s unallocated"
                            .formatted(format(cap), format(cap), format(unallocated))
                    : "%d names x cap %s < 1: inverse volatility at the cap, %s unallocated"
                            .formatted(n, format(cap), format(unallocated));
            return inverseVolatility(buys, volatilities, reason, 0, null);
        }
        if (n == 1) {
            // the only portfolio of one name, whatever its variance
            return new Weighting(
                    WeightingMethod.MIN_VARIANCE, Map.of(buys.getFirst(), 1.0), "one Buy name", 0, null, 0);
        }
        List<PriceSeries> series = new ArrayList<>();
        for (String ticker : buys) {
            PriceSeries each = prices.get(ticker);
            if (each == null || each.size() < 2) {
                return inverseVolatility(buys, volatilities, "no prices for " + ticker, 0, null);
            }
            series.add(each);
        }
        AlignedReturns returns = AlignedReturns.of(series, window);
        if (returns.observations() < minObservations) {
            return inverseVolatility(
                    buys,
                    volatilities,
                    "%d common daily returns, fewer than %d".formatted(returns.observations(), minObservations),
                    returns.observations(),
                    null);
        }
        Optional<String> flat = returns.flat();
        if (flat.isPresent()) {
            return inverseVolatility(
                    buys,
                    volatilities,
                    "the returns of %s do not vary".formatted(flat.get()),
                    returns.observations(),
                    null);
        }
        LedoitWolf.Shrunk shrunk = LedoitWolf.shrink(returns.returns());
        MinimumVariance.Solution solution;
        try {
            solution = MinimumVariance.solve(shrunk.covariance(), cap);
        } catch (RuntimeException ex) {
            log.warn("The minimum-variance solver failed on {} names; weighting by inverse volatility", n, ex);
            return inverseVolatility(buys, volatilities, "solver: " + ex, returns.observations(), shrunk.intensity());
        }
        if (solution.weights() == null) {
            log.warn(
                    "No minimum-variance solution for {} names ({}); weighting by inverse volatility",
                    n,
                    solution.state());
            return inverseVolatility(
                    buys, volatilities, "solver: " + solution.state(), returns.observations(), shrunk.intensity());
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            weights.put(buys.get(i), solution.weights()[i]);
        }
        return new Weighting(
                WeightingMethod.MIN_VARIANCE,
                weights,
                "minimum variance, cap %s, on %d daily returns, Ledoit-Wolf constant-correlation shrinkage %s"
                        .formatted(format(cap), returns.observations(), format(shrunk.intensity())),
                returns.observations(),
                shrunk.intensity(),
                0);
    }

    private Weighting inverseVolatility(
            List<String> buys,
            Map<String, Double> volatilities,
            String why,
            int observations,
            @Nullable Double shrinkage) {
        double[] vols = new double[buys.size()];
        for (int i = 0; i < vols.length; i++) {
            vols[i] = volatilities.getOrDefault(buys.get(i), Double.NaN);
        }
        double[] fallback = InverseVolatility.weights(vols, cap);
        Map<String, Double> weights = new LinkedHashMap<>();
        double sum = 0;
        for (int i = 0; i < fallback.length; i++) {
            weights.put(buys.get(i), fallback[i]);
            sum += fallback[i];
        }
        return new Weighting(
                WeightingMethod.INVERSE_VOLATILITY,
                weights,
                "inverse volatility (" + why + ")",
                observations,
                shrinkage,
                Math.max(0, 1 - sum));
    }

    private static String format(double value) {
        return Formats.decimal(value, 2);
    }
}
