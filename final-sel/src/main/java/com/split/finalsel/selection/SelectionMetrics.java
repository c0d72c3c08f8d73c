package com.split.finalsel.selection;

import com.split.finalsel.portfolio.WeightingMethod;
import com.split.finalsel.scoring.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The meters an operator watches final-sel by:
 *
 * <ul>
 *   <li>{@code split.selection.sessions{result=written|unchanged}} (timer): selections, and how long each took;
 *   <li>{@code split.selection.decisions{decision}} (counter): tickers decided, by decision;
 *   <li>{@code split.selection.weighting{method}} (timer): Buy sets weighted, by method (a rising
 *       {@code inverse_volatility} count is the solver or the data failing), and the time it took;
 *   <li>{@code split.selection.buy.set} (summary): names in the Buy set;
 *   <li>{@code split.selection.shrinkage} (summary): the Ledoit-Wolf intensity of each estimated covariance.
 * </ul>
 */
class SelectionMetrics {

    private final MeterRegistry registry;

    SelectionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void session(boolean written, long nanos) {
        Timer.builder("split.selection.sessions")
                .description("Selections of a session, written or left unchanged")
                .tag("result", written ? "written" : "unchanged")
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void decided(Decision decision, long count) {
        Counter.builder("split.selection.decisions")
                .description("Tickers decided")
                .tag("decision", decision.name())
                .register(registry)
                .increment(count);
    }

    void weighted(WeightingMethod method, int names, long nanos, @Nullable Double shrinkage) {
        Timer.builder("split.selection.weighting")
                .description("Buy sets weighted, by method")
                .tag("method", method.wireName())
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        DistributionSummary.builder("split.selection.buy.set")
                .description("Names in the Buy set")
                .register(registry)
                .record(names);
        if (shrinkage != null) {
            DistributionSummary.builder("split.selection.shrinkage")
                    .description("Ledoit-Wolf shrinkage intensity")
                    .register(registry)
                    .record(shrinkage);
        }
    }
}
