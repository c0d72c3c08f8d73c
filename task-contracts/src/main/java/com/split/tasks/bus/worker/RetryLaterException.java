package com.split.tasks.bus.worker;

import java.time.Duration;

/**
 * Thrown from deep inside a handler (an HTTP client that met a 429, say) to retry the task after a chosen delay
 * instead of the backoff. Counts as an attempt.
 */
public class RetryLaterException extends RuntimeException {

    private final Duration delay;

    public RetryLaterException(Duration delay, String message) {
        super(message);
        this.delay = delay.isNegative() ? Duration.ZERO : delay;
    }

    public Duration delay() {
        return delay;
    }
}
