package com.split.tasks.bus.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a schedule does with runs that came due while no scheduler ran (all instances down, Redis unreachable) and are
 * later than the scheduler's grace: either way it never runs more than one of them, and journals how many it missed.
 */
public enum MissedRuns {
    /** Publish the latest missed run once, late (Celery beat's and cron's anacron-like catch-up, without a burst). */
    RUN_ONCE,
    /** Publish none: the latest is journalled as created and cancelled, with the count, and can be replayed. */
    SKIP;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts {@code run_once}, {@code run-once} and {@code skip}, whatever their case. */
    @JsonCreator
    public static MissedRuns of(String name) {
        String normal = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values())
                .filter(value -> value.name().equals(normal))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("missed must be run_once or skip, not '%s'".formatted(name)));
    }
}
