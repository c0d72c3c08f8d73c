package com.split.tasks.bus.worker;

import com.split.tasks.QueueName;
import com.split.tasks.TaskPriority;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.BusScripts;
import com.split.tasks.bus.RateLimit;
import com.split.tasks.bus.TaskRecovery;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that feeds one queue's {@link TaskRunner}: claims tasks only into free slots (no prefetch buffer), waits
 * for work when the ready lists are empty, returns tasks whose claim reply was lost, and waits out Redis outages with
 * backoff. A watchdog restarts it if it dies.
 */
final class FetchLoop {

    private static final Logger log = LoggerFactory.getLogger(FetchLoop.class);
    private static final Duration CAP_RECHECK = Duration.ofMillis(50);

    private final QueueContext context;
    private final QueueName queue;
    private final BusScripts scripts;
    private final BusRedis redis;
    private final TaskRecovery recovery;
    private final TaskRunner runner;
    private final int maxEnvelopeBytes;
    private final @Nullable RateLimit rateLimit;
    private final int maxRunning;
    private final int priorityRatio;

    private volatile boolean fetching;
    private volatile long lastPollNanos = System.nanoTime();
    private @Nullable Thread thread;
    /** A blocking connection per ready list, opened at the first wait. */
    private final Map<TaskPriority, BusRedis.Connection> blocking = new EnumMap<>(TaskPriority.class);
    /** The wait on each ready list, in flight or ended; only the loop's thread uses it. */
    private final Map<TaskPriority, CompletableFuture<byte[]>> waits = new EnumMap<>(TaskPriority.class);

    FetchLoop(
            QueueContext context,
            BusScripts scripts,
            BusRedis redis,
            TaskRecovery recovery,
            TaskRunner runner,
            int maxEnvelopeBytes) {
        this.context = context;
        this.queue = context.queue();
        this.scripts = scripts;
        this.redis = redis;
        this.recovery = recovery;
        this.runner = runner;
        this.maxEnvelopeBytes = maxEnvelopeBytes;
        this.rateLimit = context.settings().rateLimit(queue);
        this.maxRunning = context.settings().maxRunning(queue);
        this.priorityRatio = context.settings().priorityRatio();
    }

    void start() {
        fetching = true;
        startThread();
    }

    private synchronized void startThread() {
        // Not a daemon: a worker service without a web server lives as long as its fetch loops do.
        thread = Thread.ofPlatform().name("split-fetch-" + queue).start(this::loop);
    }

    private void loop() {
        long backoffMillis = 100;
        boolean outage = false;
        // At once (a restarted worker with a fixed id may find its list from a former life), after a failed claim
        // (the script may have run and its reply been lost), and on a period (a claim that timed out here may still
        // run in Redis once the connection is back).
        long nextRecovery = System.nanoTime();
        while (fetching) {
            try {
                if (System.nanoTime() - nextRecovery >= 0) {
                    recoverOrphans();
                    nextRecovery = System.nanoTime()
                            + context.settings().reapInterval().toNanos();
                }
                int free = runner.slots()
                        .reserve(
                                context.settings().effectiveClaimBatch(),
                                context.settings().pollTimeout());
                if (free == 0 || !fetching) {
                    runner.slots().release(free);
                    lastPollNanos = System.nanoTime(); // busy, not stuck
                    continue;
                }
                BusScripts.Claim claim;
                try {
                    claim = claim(free);
                } catch (RuntimeException e) {
                    runner.slots().release(free);
                    nextRecovery = System.nanoTime();
                    throw e;
                } finally {
                    lastPollNanos = System.nanoTime();
                }
                List<byte[]> claimed = claim.envelopes();
                runner.slots().release(free - claimed.size());
                claimed.forEach(runner::submit);
                if (outage) {
                    log.info("Fetching from {} again after a Redis outage", queue);
                    outage = false;
                    backoffMillis = 100;
                }
                if (claim.paused()) {
                    // the ready list may hold tasks, so waiting for one would return at once: a poll's wait instead
                    Thread.sleep(context.settings().pollTimeout());
                } else if (claim.rateLimitedFor().isPositive()) {
                    Thread.sleep(min(claim.rateLimitedFor(), context.settings().pollTimeout()));
                } else if (claim.atCap()) {
                    // a held task ends when it ends: look again soon, at the cost of a claim call while at the cap
                    Thread.sleep(min(CAP_RECHECK, context.settings().pollTimeout()));
                } else if (claimed.isEmpty()) {
                    // Only when a claim found nothing: under a steady trickle the next task is often there by the
                    // time this claim's reply is, and claiming again saves the wake-up's round trip.
                    awaitWork();
                }
            } catch (InterruptedException e) {
                if (fetching) {
                    log.warn("Fetch loop of {} interrupted while running; it goes on", queue);
                    Thread.interrupted();
                }
            } catch (RuntimeException e) {
                if (!fetching) {
                    break;
                }
                if (!outage) {
                    log.warn("Cannot fetch from {}, retrying with backoff: {}", queue, e.toString());
                    outage = true;
                }
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.interrupted();
                }
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    private BusScripts.Claim claim(int count) {
        long start = System.nanoTime();
        BusScripts.Claim claimed = scripts.claim(
                queue,
                context.workerId(),
                count,
                context.clock().instant(),
                maxEnvelopeBytes,
                rateLimit,
                maxRunning,
                priorityRatio);
        context.metrics().fetched(queue, System.nanoTime() - start);
        return claimed;
    }

    private static Duration min(Duration one, Duration other) {
        return one.compareTo(other) <= 0 ? one : other;
    }

    /**
     * Waits until a task is pushed onto any of the ready lists, or a poll's time passes. A wait still in flight from an
     * earlier call (another list woke that one) goes on serving: its list's connection is not free before it ends.
     */
    private void awaitWork() {
        Duration timeout = context.settings().pollTimeout();
        for (TaskPriority priority : TaskPriority.values()) {
            CompletableFuture<byte[]> wait = waits.get(priority);
            if (wait == null || wait.isDone()) {
                waits.put(
                        priority,
                        scripts.awaitReady(blockingConnection(priority), queue, priority, timeout)
                                .toCompletableFuture());
            }
        }
        try {
            BusRedis.await(
                    CompletableFuture.anyOf(waits.values().toArray(CompletableFuture[]::new)),
                    timeout.plus(redis.commandTimeout()));
        } catch (RuntimeException e) {
            // none answered within its own timeout: they are stuck, so the next call asks afresh
            waits.values().forEach(wait -> wait.cancel(true));
            throw e;
        }
    }

    private synchronized BusRedis.Connection blockingConnection(TaskPriority priority) {
        return blocking.computeIfAbsent(priority, level -> redis.openBlocking());
    }

    /** Runs in the loop, when no claim is in flight, so every envelope it lists is either held or an orphan. */
    private void recoverOrphans() {
        int moved = recovery.takeBackOrphans(queue, context.workerId(), runner.held());
        if (moved > 0) {
            log.warn("Returned {} tasks of {} whose claim reply was lost to the ready list", moved, queue);
        }
    }

    /** Whether the loop polled Redis recently; restarts it if it died. */
    boolean check() {
        if (!fetching) {
            return true;
        }
        Thread current = thread;
        if (current != null && !current.isAlive()) {
            log.error("Fetch loop of {} died; starting it again", queue);
            startThread();
        }
        Duration silence = Duration.ofNanos(System.nanoTime() - lastPollNanos);
        return silence.compareTo(context.settings()
                        .pollTimeout()
                        .plus(redis.commandTimeout())
                        .multipliedBy(3))
                < 0;
    }

    /** Stops claiming; running tasks go on. */
    void stop() {
        fetching = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
    }

    /** Waits for the loop to leave (a claim or a wait in flight ends within its timeouts), then closes its connection. */
    void close() throws InterruptedException {
        Thread current = thread;
        if (current != null) {
            current.join(context.settings()
                    .pollTimeout()
                    .plus(redis.commandTimeout())
                    .toMillis());
        }
        synchronized (this) {
            blocking.values().forEach(BusRedis.Connection::close);
            blocking.clear();
        }
    }
}
