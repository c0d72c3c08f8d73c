package com.split.tasks.bus.worker;

import com.split.tasks.QueueName;
import com.split.tasks.bus.RateLimit;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service's workers run ({@code split.bus.worker.*}).
 *
 * @param enabled whether the service consumes at all; a pure publisher can switch its workers off
 * @param concurrency tasks one instance runs at once on each of its queues (virtual threads)
 * @param claimBatch the most tasks claimed in one round trip; 0 means up to {@code concurrency}
 * @param pollTimeout how long one blocking wait for work lasts when the queue is empty
 * @param lease how long a worker may go without a heartbeat before the reaper takes its tasks back
 * @param heartbeatInterval how often a worker renews its lease; {@code lease} is at least twice this plus the command
 *     timeout
 * @param reapInterval how often each worker looks for dead workers
 * @param promoteInterval how often due retries and scheduled tasks are queued: the added latency of a retry
 * @param cancelCheckInterval how often running tasks learn of cancellations
 * @param shutdownGrace how long a stopping worker lets running tasks finish before it gives them back
 * @param hardTimeoutGrace how long a handler may ignore the interrupt of its deadline before the worker gives up on it
 *     (Celery's hard time limit): the task ends TIMEOUT, and its slot gets a new thread while the old one is left
 * @param statsInterval how often queue depth and age gauges are read from Redis
 * @param rateLimits per queue, {@code <tasks>/<duration>} ({@link RateLimit}): at most that many claimed by all the
 *     queue's workers together; every instance should say the same, since the bucket they draw from is shared
 * @param maxRunning per queue, the most of its tasks held by all its workers together (running, or ended and not yet
 *     settled); every instance should say the same
 * @param priorityRatio the most claims in a row that take a higher priority while a lower one has tasks waiting: the
 *     next claim takes the lower one's oldest ({@link com.split.tasks.TaskPriority}); every instance should say the same
 */
public record WorkerSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("4") int concurrency,
        @DefaultValue("0") int claimBatch,
        @DefaultValue("1s") Duration pollTimeout,
        @DefaultValue("15s") Duration lease,
        @DefaultValue("2500ms") Duration heartbeatInterval,
        @DefaultValue("5s") Duration reapInterval,
        @DefaultValue("250ms") Duration promoteInterval,
        @DefaultValue("1s") Duration cancelCheckInterval,
        @DefaultValue("20s") Duration shutdownGrace,
        @DefaultValue("30s") Duration hardTimeoutGrace,
        @DefaultValue("5s") Duration statsInterval,
        @DefaultValue Map<String, String> rateLimits,
        @DefaultValue Map<String, Integer> maxRunning,
        @DefaultValue("10") int priorityRatio) {

    public WorkerSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("split.bus.worker.concurrency must be at least 1");
        }
        if (claimBatch < 0) {
            throw new IllegalArgumentException("split.bus.worker.claim-batch must be 0 (up to concurrency) or more");
        }
        if (hardTimeoutGrace.isNegative()) {
            throw new IllegalArgumentException("split.bus.worker.hard-timeout-grace must not be negative");
        }
        if (pollTimeout.toMillis() < 10) {
            throw new IllegalArgumentException("split.bus.worker.poll-timeout must be at least 10ms");
        }
        rateLimits = Map.copyOf(rateLimits);
        rateLimits.forEach((queue, limit) -> {
            QueueName.of(queue);
            RateLimit.parse("split.bus.worker.rate-limits." + queue, limit);
        });
        if (priorityRatio < 1) {
            throw new IllegalArgumentException(
                    "split.bus.worker.priority-ratio must be at least 1, was " + priorityRatio);
        }
        maxRunning = Map.copyOf(maxRunning);
        maxRunning.forEach((queue, most) -> {
            QueueName.of(queue);
            if (most < 1) {
                throw new IllegalArgumentException(
                        "split.bus.worker.max-running.%s must be at least 1, was %d".formatted(queue, most));
            }
        });
    }

    public static WorkerSettings defaults() {
        return new WorkerSettings(
                true,
                4,
                0,
                Duration.ofSeconds(1),
                Duration.ofSeconds(15),
                Duration.ofMillis(2_500),
                Duration.ofSeconds(5),
                Duration.ofMillis(250),
                Duration.ofSeconds(1),
                Duration.ofSeconds(20),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Map.of(),
                Map.of(),
                10);
    }

    /** These settings, with {@code limits} for rate limits. */
    public WorkerSettings withRateLimits(Map<String, String> limits) {
        return withLimits(limits, maxRunning);
    }

    /** These settings, with {@code most} for the most tasks held per queue. */
    public WorkerSettings withMaxRunning(Map<String, Integer> most) {
        return withLimits(rateLimits, most);
    }

    private WorkerSettings withLimits(Map<String, String> limits, Map<String, Integer> most) {
        return new WorkerSettings(
                enabled,
                concurrency,
                claimBatch,
                pollTimeout,
                lease,
                heartbeatInterval,
                reapInterval,
                promoteInterval,
                cancelCheckInterval,
                shutdownGrace,
                hardTimeoutGrace,
                statsInterval,
                limits,
                most,
                priorityRatio);
    }

    /** The most tasks of the queue all its workers may hold, or 0 for no cap. */
    int maxRunning(QueueName queue) {
        return maxRunning.getOrDefault(queue.value(), 0);
    }

    /** The queue's rate limit, or null when its claims are not limited. */
    @Nullable
    RateLimit rateLimit(QueueName queue) {
        String limit = rateLimits.get(queue.value());
        return limit == null ? null : RateLimit.parse("split.bus.worker.rate-limits." + queue, limit);
    }

    /** The most tasks to claim in one round trip. */
    int effectiveClaimBatch() {
        return claimBatch == 0 ? concurrency : Math.min(claimBatch, concurrency);
    }
}
