package com.split.tasks.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/**
 * Histogram buckets for the latencies that the dashboards and alerts read as quantiles
 * ({@code histogram_quantile} over the {@code _bucket} series): the bus's task duration and queue wait, the HTTP
 * server's requests and Lettuce's Redis commands. Twenty fixed buckets from 0.25 ms to 10 min, the same for every
 * timer, fewer than Micrometer's percentile histogram gives a series. A timer given buckets or a percentile histogram
 * by {@code management.metrics.distribution.*} keeps those.
 */
public final class LatencyHistograms implements MeterFilter {

    static final Set<String> TIMERS =
            Set.of("split.tasks.duration", "split.tasks.queue.wait", "http.server.requests", "lettuce");

    static final double[] BUCKETS = Arrays.stream(new Duration[] {
                Duration.ofMillis(1).dividedBy(4),
                Duration.ofMillis(1).dividedBy(2),
                Duration.ofMillis(1),
                Duration.ofMillis(5).dividedBy(2),
                Duration.ofMillis(5),
                Duration.ofMillis(10),
                Duration.ofMillis(25),
                Duration.ofMillis(50),
                Duration.ofMillis(100),
                Duration.ofMillis(250),
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                Duration.ofMillis(2500),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                Duration.ofMinutes(2),
                Duration.ofMinutes(5),
                Duration.ofMinutes(10)
            })
            .mapToDouble(Duration::toNanos) // a timer's boundaries are in nanoseconds
            .toArray();

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER
                || !TIMERS.contains(id.getName())
                || config.getServiceLevelObjectiveBoundaries() != null
                || Boolean.TRUE.equals(config.isPercentileHistogram())) {
            return config;
        }
        return DistributionStatisticConfig.builder()
                .serviceLevelObjectives(BUCKETS)
                .build()
                .merge(config);
    }
}
