package com.split.yahoo.market;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Pacing, a limit on requests in flight and the circuit breaker in front of a rate-limited source, shared by every
 * instance. Thread-safe.
 */
interface RequestGate {

    /**
     * Waits for this request's turn: a place among those in flight and a slot in the schedule.
     *
     * @return the place, to give back when the response is in
     * @throws RateLimitedException while the breaker is open, or when the turn is further away than a task should wait
     */
    Permit acquire();

    /** A request's place among those in flight. */
    interface Permit extends AutoCloseable {

        @Override
        void close();
    }

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
