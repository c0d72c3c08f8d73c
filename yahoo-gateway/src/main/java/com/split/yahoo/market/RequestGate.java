package com.split.yahoo.market;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Pacing and the circuit breaker in front of a rate-limited source, shared by every instance. Thread-safe. */
interface RequestGate {

    /**
     * Waits for this request's slot.
     *
     * @throws RateLimitedException while the breaker is open, or when the slot is further away than a task should wait
     */
    void acquire();

    /**
     * Counts a 429 (the breaker opens after enough in a row).
     *
     * @param retryAfter what the source asked for, if it did
     * @return how long the task should wait before its retry
     */
    Duration rateLimited(@Nullable Duration retryAfter);

    /** The source answered: the run of 429s is over. */
    void answered();
}
