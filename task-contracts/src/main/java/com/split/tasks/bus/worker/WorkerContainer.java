package com.split.tasks.bus.worker;

import com.split.tasks.QueueName;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.codec.TaskCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a service's {@link TaskHandler}s: one {@link QueueWorker} for each queue that has handlers (narrowed by
 * {@code split.bus.queues}, like Celery's {@code --queues}), task threads on virtual threads, a heartbeat thread of its
 * own, and a maintenance thread for the reaper, the promoter, cancellations, gauges and the fetch-loop watchdog.
 *
 * <p>Starts when the application context is ready; on shutdown stops fetching, lets running tasks finish within the
 * grace period, gives back the rest and removes its heartbeat. It stops before the Redis connection factory does.
 */
public final class WorkerContainer implements SmartLifecycle {

    /** Stops before the Redis connection factory (phase 0) and after the web server stops taking requests. */
    public static final int PHASE = Integer.MAX_VALUE - 4096;

    private static final Logger log = LoggerFactory.getLogger(WorkerContainer.class);

    /** How late a task's timeout may fire: timeouts are seconds or minutes, so 50 ms is noise. */
    private static final Duration TIMEOUT_SWEEP = Duration.ofMillis(50);

    private final BusRedis redis;
    private final RedisKeys keys;
    private final TaskCodec codec;
    private final Map<QueueName, Map<String, TaskHandler>> handlersByQueue;
    private final WorkerSettings settings;
    private final RetryPolicy retryPolicy;
    private final String workerId;
    private final Clock clock;
    private final BusMetrics metrics;
    private final List<QueueWorker> workers = new ArrayList<>();
    private volatile boolean running;
    private @Nullable ExecutorService taskThreads;
    private @Nullable ScheduledExecutorService heartbeat;
    private @Nullable ScheduledExecutorService maintenance;
    private @Nullable ScheduledExecutorService timeouts;

    /**
     * @param onlyQueues the queues to consume; empty means every queue that has a handler
     * @throws IllegalArgumentException if two handlers claim the same task type, or a named queue has no handler
     */
    public WorkerContainer(
            BusRedis redis,
            RedisKeys keys,
            TaskCodec codec,
            Collection<TaskHandler> handlers,
            Set<QueueName> onlyQueues,
            WorkerSettings settings,
            RetryPolicy retryPolicy,
            String workerId,
            Clock clock,
            BusMetrics metrics) {
        this.redis = redis;
        this.keys = keys;
        this.codec = codec;
        this.settings = settings;
        this.retryPolicy = retryPolicy;
        this.workerId = workerId;
        this.clock = clock;
        this.metrics = metrics;
        this.handlersByQueue = route(handlers, onlyQueues);
    }

    private static Map<QueueName, Map<String, TaskHandler>> route(
            Collection<TaskHandler> handlers, Set<QueueName> only) {
        Map<QueueName, Map<String, TaskHandler>> byQueue =
                new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        for (TaskHandler handler : handlers) {
            QueueName queue = handler.type().queue();
            if (!only.isEmpty() && !only.contains(queue)) {
                continue;
            }
            TaskHandler clash = byQueue.computeIfAbsent(queue, q -> new LinkedHashMap<>())
                    .putIfAbsent(handler.type().name(), handler);
            if (clash != null) {
                throw new IllegalArgumentException("two handlers for task type %s: %s and %s"
                        .formatted(
                                handler.type().name(),
                                clash.getClass().getName(),
                                handler.getClass().getName()));
            }
        }
        for (QueueName queue : only) {
            if (!byQueue.containsKey(queue)) {
                throw new IllegalArgumentException("split.bus.queues names " + queue + ", but no handler consumes it");
            }
        }
        return byQueue;
    }

    public String workerId() {
        return workerId;
    }

    /** The queues this container consumes. */
    public Set<QueueName> queues() {
        return handlersByQueue.keySet();
    }

    @Override
    public synchronized void start() {
        if (running || handlersByQueue.isEmpty()) {
            return;
        }
        taskThreads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("split-task-", 0).factory());
        timeouts = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("split-timeouts").daemon().factory());
        heartbeat = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("split-heartbeat").daemon().factory());
        maintenance = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("split-maintenance").daemon().factory());
        handlersByQueue.forEach((queue, handlers) -> workers.add(new QueueWorker(
                queue, handlers, workerId, redis, keys, codec, settings, retryPolicy, clock, metrics, taskThreads)));
        every(heartbeat, settings.heartbeatInterval(), "heartbeat", QueueWorker::heartbeat);
        every(maintenance, settings.reapInterval(), "reaper", QueueWorker::reap);
        every(maintenance, settings.promoteInterval(), "promoter", QueueWorker::promote);
        every(maintenance, settings.cancelCheckInterval(), "cancellation check", QueueWorker::refreshCancellations);
        every(maintenance, settings.statsInterval(), "queue gauges", QueueWorker::refreshStats);
        every(maintenance, settings.pollTimeout(), "watchdog", QueueWorker::checkFetchLoop);
        every(timeouts, TIMEOUT_SWEEP, "timeout sweep", QueueWorker::sweepTimeouts);
        workers.forEach(QueueWorker::start);
        running = true;
        log.info("Worker {} consuming {} with {} slots each", workerId, queues(), settings.concurrency());
    }

    private void every(ScheduledExecutorService executor, Duration period, String job, Consumer<QueueWorker> action) {
        executor.scheduleWithFixedDelay(
                () -> {
                    for (QueueWorker worker : workers) {
                        try {
                            action.accept(worker);
                        } catch (RuntimeException e) {
                            log.warn("{} of {} failed, will try again: {}", job, worker.queue(), e.toString());
                        }
                    }
                },
                0,
                period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Whether every fetch loop polled Redis within a few poll timeouts; feeds readiness. */
    public boolean isFetching() {
        boolean healthy = true;
        for (QueueWorker worker : workers) {
            healthy &= worker.checkFetchLoop();
        }
        return healthy;
    }

    /** Tasks running now, by queue. */
    public Map<QueueName, Integer> inFlight() {
        Map<QueueName, Integer> counts = new LinkedHashMap<>();
        workers.forEach(worker -> counts.put(worker.queue(), worker.inFlight()));
        return counts;
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        log.info(
                "Worker {} stopping: no new tasks, {} to let running tasks finish", workerId, settings.shutdownGrace());
        workers.forEach(QueueWorker::stopFetching);
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        try {
            for (QueueWorker worker : workers) {
                worker.awaitIdle(deadline);
            }
            maintenance.shutdownNow();
            heartbeat.shutdownNow(); // before the give-back, which forgets this worker: no beat may bring it back
            for (QueueWorker worker : workers) {
                worker.shutdown(redis.commandTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            heartbeat.shutdownNow();
            timeouts.shutdownNow();
            taskThreads.shutdownNow();
            workers.clear();
        }
        log.info("Worker {} stopped", workerId);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
