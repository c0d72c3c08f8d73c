package com.split.tasks.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * A health indicator that answers by a deadline: its delegate's health, or DOWN when the delegate has not answered
 * within the timeout. The late check is cancelled, not awaited: a reply that comes later is dropped, and a connection
 * attempt under way ends on its own connect timeout, off the caller's thread.
 *
 * <p>Thread safe if the delegate is.
 */
final class DeadlineHealthIndicator implements ReactiveHealthIndicator {

    private final ReactiveHealthIndicator delegate;

    private final Duration timeout;

    DeadlineHealthIndicator(ReactiveHealthIndicator delegate, Duration timeout) {
        this.delegate = delegate;
        this.timeout = timeout;
    }

    @Override
    public Mono<Health> health() {
        return delegate.health()
                .timeout(
                        timeout,
                        Mono.fromSupplier(() -> Health.down(new TimeoutException("no answer within " + timeout))
                                .build()));
    }
}
