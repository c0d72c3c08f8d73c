package com.split.events.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reconciler settings.
 *
 * @param enabled whether the reconciler runs on a schedule ({@code POST /api/recovery/reconcile} works either way)
 * @param interval how often it runs
 * @param grace how long a task must have been in its journal state before its absence from Redis counts: longer than
 *     an event takes from the bus to the journal
 * @param journalWait how long a run waits for the journal to catch up with what it read from Redis before it gives
 *     up on a queue until the next run
 * @param limit the most journal tasks one run examines per queue
 */
@ConfigurationProperties("split.events.recovery")
record RecoveryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60s") Duration interval,
        @DefaultValue("30s") Duration grace,
        @DefaultValue("10s") Duration journalWait,
        @DefaultValue("10000") int limit) {

    RecoveryProperties {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("split.events.recovery.interval must be positive");
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("split.events.recovery.grace must not be negative");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("split.events.recovery.limit must be at least 1");
        }
    }
}
