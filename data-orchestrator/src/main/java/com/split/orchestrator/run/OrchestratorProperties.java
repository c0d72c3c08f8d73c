package com.split.orchestrator.run;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * data-orchestrator settings ({@code split.orchestrator.*}).
 *
 * @param chunkSize most tickers per {@code fetch_prices} / {@code fetch_fundamentals} task
 * @param runTimeout how long a run may take from its refresh to its end; then it ends TIMEOUT and its unfinished tasks
 *     are cancelled
 * @param retention how long an ended run's state stays in Redis (a TTL); at least {@code split.bus.publish.dedupe-ttl},
 *     so that a session whose state is gone has no idempotency keys left either
 * @param cancelTtl how long the cancel requests of an ended run's unfinished tasks last: longer than any of them may
 *     still wait in a queue or for a retry
 * @param child how the run's tasks may run
 */
@Validated
@ConfigurationProperties("split.orchestrator")
public record OrchestratorProperties(
        @DefaultValue("50") @Min(1) @Max(1000) int chunkSize,
        @DefaultValue("10m") Duration runTimeout,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1h") Duration cancelTtl,
        @DefaultValue @Valid Child child) {

    public OrchestratorProperties {
        requirePositive(runTimeout, "run-timeout");
        requirePositive(retention, "retention");
        requirePositive(cancelTtl, "cancel-ttl");
    }

    /**
     * The envelope settings of the tasks a run fans out (fetch, filter, select).
     *
     * @param maxRetries {@code max_retries}: attempts after the first before a task ends FAILURE and its tickers are
     *     dropped (fetch) or the run fails (filter, select)
     * @param timeout {@code timeout_ms}: how long one attempt may run
     */
    public record Child(
            @DefaultValue("3") @Min(0) @Max(100) int maxRetries,
            @DefaultValue("5m") Duration timeout) {

        public Child {
            requirePositive(timeout, "child.timeout");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(
                    "split.orchestrator.%s must be positive, was %s".formatted(name, duration));
        }
    }
}
