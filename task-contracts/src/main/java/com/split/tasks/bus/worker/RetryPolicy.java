package com.split.tasks.bus.worker;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Exponential backoff with full jitter: the wait before attempt {@code n + 1} is uniform in
 * {@code [0, min(maxDelay, baseDelay × 2^n)]}, which spreads a burst of failures instead of retrying it in lockstep.
 *
 * <p>Bound from {@code split.bus.retry.*}.
 *
 * @param baseDelay the ceiling of the first wait
 * @param maxDelay the cap of every wait
 */
public record RetryPolicy(
        @DefaultValue("1s") Duration baseDelay,
        @DefaultValue("10m") Duration maxDelay) {

    public RetryPolicy {
        if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("retry delays must satisfy 0 < base-delay <= max-delay");
        }
    }

    /** The ceiling of the wait after attempt {@code attempt} (0-based) failed. */
    public Duration ceiling(int attempt) {
        long base = baseDelay.toMillis();
        long cap = maxDelay.toMillis();
        int shift = Math.min(attempt, 62);
        return Duration.ofMillis(base > cap >> shift ? cap : base << shift);
    }

    public Duration backoff(int attempt) {
        return Duration.ofMillis(
                ThreadLocalRandom.current().nextLong(ceiling(attempt).toMillis() + 1));
    }
}
