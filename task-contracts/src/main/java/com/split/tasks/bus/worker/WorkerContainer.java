package com.split.tasks.bus.worker;

import com.split.tasks.QueueName;
import com.split.tasks.bus.TaskRecovery;
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
 * Runs a service's {@link TaskHandler}s. For each queue that has handlers (narrowed by {@code split.bus.queues}, like
 * Celery's {@code --queues}) it wires a {@link FetchLoop} that claims into free slots, a {@link TaskRunner} that runs
 * each task on a virtual thread and settles it, and a {@link QueueMaintenance} whose jobs share two threads: one for
 * heartbeats alone, one for the reaper, the promoter, cancellations, gauges and the fetch-loop watchdog.
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

    private final BusParts bus;
    private final Map<QueueName, Map<String, TaskHandler>> handlersByQueue;
    private final WorkerSettings settings;
    private final RetryPolicy retryPolicy;
    private final String workerId;
    private final Clock clock;
    private final BusMetrics metrics;
    private final TaskTracing tracing;
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
            BusParts bus,
            Collection<TaskHandler> handlers,
            Set<QueueName> onlyQueues,
            WorkerSettings settings,
            RetryPolicy retryPolicy,
            String workerId,
            Clock clock,
            BusMetrics metrics,
            TaskTracing tracing) {
        this.bus = bus;
        this.settings = settings;
        this.retryPolicy = retryPolicy;
        this.workerId = workerId;
        this.clock = clock;
        this.metrics = metrics;
        this.tracing = tracing;
        this.handlersByQueue = route(handlers, onlyQueues);
    }

    /** One queue's worker: its parts, wired. */
    private record QueueWorker(
            QueueName queue,
            Settler settler,
            FinishedNotices notices,
            TaskRunner runner,
            FetchLoop fetch,
            QueueMaintenance maintenance) {}

    private QueueWorker wire(QueueName queue, Map<String, TaskHandler> handlers, ExecutorService taskThreads) {
        QueueContext context = new QueueContext(queue, workerId, settings, clock, metrics, tracing);
        Settler settler = new Settler(bus.scripts(), queue, workerId);
        FinishedNotices notices = new FinishedNotices(
                context, bus.redis(), bus.scripts().keys().outbox(queue), bus.publisher(), bus.codec());
        TaskRunner runner = new TaskRunner(
                context,
                handlers,
                taskThreads,
                new SettlementPolicy(bus.codec(), retryPolicy, workerId),
                settler,
                notices,
                bus.codec());
        FetchLoop fetch = new FetchLoop(
                context,
                bus.scripts(),
                bus.redis(),
                bus.recovery(),
                runner,
                bus.codec().maxEnvelopeBytes());
        return new QueueWorker(
                queue,
                settler,
                notices,
                runner,
                fetch,
                new QueueMaintenance(context, bus.scripts(), bus.recovery(), bus.inspector(), runner));
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
        ExecutorService threads = taskThreads;
        handlersByQueue.forEach((queue, handlers) -> workers.add(wire(queue, handlers, threads)));
        every(
                heartbeat,
                settings.heartbeatInterval(),
                "heartbeat",
                worker -> worker.maintenance().heartbeat());
        every(
                maintenance,
                settings.reapInterval(),
                "reaper",
                worker -> worker.maintenance().reap());
        every(
                maintenance,
                settings.promoteInterval(),
                "promoter",
                worker -> worker.maintenance().promote());
        every(
                maintenance,
                settings.cancelCheckInterval(),
                "cancellation check",
                worker -> worker.maintenance().refreshCancellations());
        every(
                maintenance,
                settings.statsInterval(),
                "queue gauges",
                worker -> worker.maintenance().refreshStats());
        every(
                maintenance,
                settings.pollTimeout(),
                "watchdog",
                worker -> worker.fetch().check());
        every(
                timeouts,
                TIMEOUT_SWEEP,
                "timeout sweep",
                worker -> worker.runner().sweep(clock.instant()));
        for (QueueWorker worker : workers) {
            worker.settler().start();
            worker.notices().start();
            worker.fetch().start();
        }
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
            healthy &= worker.fetch().check();
        }
        return healthy;
    }

    /** Handler threads given up on past their hard timeout that still run, by queue. */
    public Map<QueueName, Integer> givenUpThreads() {
        Map<QueueName, Integer> counts = new LinkedHashMap<>();
        workers.forEach(worker -> counts.put(worker.queue(), worker.runner().givenUpThreads()));
        return counts;
    }

    /** Tasks running now, by queue. */
    public Map<QueueName, Integer> inFlight() {
        Map<QueueName, Integer> counts = new LinkedHashMap<>();
        workers.forEach(worker -> counts.put(worker.queue(), worker.runner().inFlight()));
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
        workers.forEach(worker -> worker.fetch().stop());
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        try {
            for (QueueWorker worker : workers) {
                worker.runner().awaitIdle(deadline);
            }
            maintenance.shutdownNow();
            heartbeat.shutdownNow(); // before the give-back, which forgets this worker: no beat may bring it back
            for (QueueWorker worker : workers) {
                giveBack(worker);
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

    /** Gives back what still runs after the grace period, once what already finished is settled. */
    private void giveBack(QueueWorker worker) throws InterruptedException {
        worker.fetch().close();
        // Settle what already finished before giving back, or a task that succeeded would run again.
        worker.settler().stop(bus.redis().commandTimeout());
        worker.notices().stop(bus.redis().commandTimeout());
        worker.runner().giveBack();
        try {
            // also forgets this worker, once its processing list is empty
            int moved = bus.recovery()
                    .takeBack(
                            worker.queue(),
                            workerId,
                            null,
                            true,
                            TaskRecovery.Cause.WORKER_SHUT_DOWN,
                            "worker " + workerId + " shut down before the task ended");
            if (moved > 0) {
                log.warn("Gave back {} unfinished tasks of {} at shutdown", moved, worker.queue());
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Could not give back the tasks of {} ({}); the reaper will after the lease",
                    worker.queue(),
                    e.toString());
        }
        worker.runner().abandon();
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
