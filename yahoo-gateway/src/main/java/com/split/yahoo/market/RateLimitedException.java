package com.split.yahoo.market;

import com.split.tasks.bus.worker.RetryLaterException;
import java.time.Duration;

/**
 * The source refused to answer now (Yahoo's HTTP 429). A {@link RetryLaterException}, so the bus puts the whole task
 * back on the delayed queue for {@code retryAfter} instead of a worker sleeping; rows already stored stay, and the
 * upserts make the rerun harmless.
 */
public class RateLimitedException extends RetryLaterException {

    public RateLimitedException(String provider, Duration retryAfter) {
        super(retryAfter, provider + " rate limit: retry in " + retryAfter);
    }
}
