package com.split.tasks.bus.worker;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskIds;
import com.split.tasks.TaskStatus;
import com.split.tasks.Traceparent;
import com.split.tasks.bus.BusRedis;
import com.split.tasks.bus.BusScript;
import com.split.tasks.bus.DeadLetter;
import com.split.tasks.bus.QueueInspector;
import com.split.tasks.bus.RedisKeys;
import com.split.tasks.bus.ScriptArgs;
import com.split.tasks.bus.TaskPublisher;
import com.split.tasks.bus.TaskRecovery;
import com.split.tasks.codec.InvalidEnvelopeException;
import com.split.tasks.codec.TaskCodec;
import io.lettuce.core.LMoveArgs;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.node.ObjectNode;

/**
 * Consumes one queue for one service instance, per the worker protocol: claims tasks only into free slots, runs each
 * handler on a virtual thread, settles it through the {@link Settler}, and on its maintenance ticks renews its lease,
 * takes back dead workers' tasks, promotes due retries and learns of cancellations.
 */
final class QueueWorker {

    private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);

    private final QueueName queue;
    private final Map<String, TaskHandler> handlers;
    private final String workerId;
    private final BusRedis redis;
    private final RedisKeys keys;
    private final TaskCodec codec;
    private final WorkerSettings settings;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final BusMetrics metrics;
    private final TaskRecovery recovery;
    private final QueueInspector inspector;
    private final ExecutorService taskThreads;
    private final Semaphore slots;
    private final Settler settler;
    private final FinishedNotices notices;
    private final Set<RunningTask> running = ConcurrentHashMap.newKeySet();
    /** Envelopes this worker holds, from the claim reply until settled: what its processing list should contain. */
    private final Map<ByteBuffer, Integer> held = new ConcurrentHashMap<>();

    private final String[] claimKeys;

    private volatile boolean fetching;
    private volatile boolean givenBack;
    private volatile long lastPollNanos = System.nanoTime();
    private volatile Set<String> cancelled = Set.of();
    private @Nullable Thread fetchThread;
    private BusRedis.@Nullable Connection blocking;

    QueueWorker(
            QueueName queue,
            Map<String, TaskHandler> handlers,
            String workerId,
            BusRedis redis,
            RedisKeys keys,
            TaskCodec codec,
            WorkerSettings settings,
            RetryPolicy retryPolicy,
            Clock clock,
            BusMetrics metrics,
            ExecutorService taskThreads) {
        this.queue = queue;
        this.handlers = Map.copyOf(handlers);
        this.workerId = workerId;
        this.redis = redis;
        this.keys = keys;
        this.codec = codec;
        this.settings = settings;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.metrics = metrics;
        this.recovery = new TaskRecovery(redis, keys, codec, clock);
        this.inspector = new QueueInspector(redis, keys, codec, clock);
        this.taskThreads = taskThreads;
        this.slots = new Semaphore(settings.concurrency());
        this.settler = new Settler(
                redis,
                keys.processing(queue, workerId),
                keys.events(queue),
                keys.delayed(queue),
                keys.dead(queue),
                "split-settle-" + queue);
        this.notices = new FinishedNotices(
                new TaskPublisher(redis, keys, codec, clock, Duration.ofMinutes(1), TaskPublisher.ReplicaWait.NONE),
                codec,
                workerId);
        this.claimKeys = new String[] {
            keys.ready(queue), keys.processing(queue, workerId), keys.events(queue), keys.cancelled(queue)
        };
        metrics.inFlight(queue, running::size);
    }

    QueueName queue() {
        return queue;
    }

    String workerId() {
        return workerId;
    }

    int inFlight() {
        return running.size();
    }

    void start() {
        settler.start();
        fetching = true;
        startFetchThread();
    }

    private synchronized void startFetchThread() {
        // Not a daemon: a worker service without a web server lives as long as its fetch loops do.
        fetchThread = Thread.ofPlatform().name("split-fetch-" + queue).start(this::fetchLoop);
    }

    // ---- fetching ------------------------------------------------------------------------------------------------

    private void fetchLoop() {
        long backoffMillis = 100;
        boolean outage = false;
        boolean registered = false;
        // At once (a restarted worker with a fixed id may find its list from a former life), after a failed claim
        // (the script may have run and its reply been lost), and on a period (a claim that timed out here may still
        // run in Redis once the connection is back).
        long nextRecovery = System.nanoTime();
        while (fetching) {
            try {
                if (!registered) {
                    heartbeat(); // the reaper must know this worker before it holds anything
                    registered = true;
                }
                if (System.nanoTime() - nextRecovery >= 0) {
                    recoverOrphans();
                    nextRecovery = System.nanoTime() + settings.reapInterval().toNanos();
                }
                int free = acquireSlots();
                if (free == 0) {
                    continue;
                }
                List<byte[]> claimed;
                try {
                    claimed = claim(free);
                } catch (RuntimeException e) {
                    slots.release(free);
                    nextRecovery = System.nanoTime();
                    throw e;
                } finally {
                    lastPollNanos = System.nanoTime();
                }
                slots.release(free - claimed.size());
                for (byte[] envelope : claimed) {
                    held.merge(ByteBuffer.wrap(envelope), 1, Integer::sum);
                    taskThreads.execute(() -> run(envelope));
                }
                if (outage) {
                    log.info("Fetching from {} again after a Redis outage", queue);
                    outage = false;
                    backoffMillis = 100;
                }
                if (claimed.size() < free) {
                    awaitWork(); // the claim emptied the ready list: claiming again at once would find nothing
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

    /** Waits for at least one free slot, then takes as many more as are free, up to the claim batch. */
    private int acquireSlots() throws InterruptedException {
        if (!slots.tryAcquire(settings.pollTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            lastPollNanos = System.nanoTime(); // busy, not stuck
            return 0;
        }
        if (!fetching) {
            slots.release();
            return 0;
        }
        int taken = 1;
        int want = settings.effectiveClaimBatch();
        while (taken < want && slots.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    private List<byte[]> claim(int count) {
        Instant now = clock.instant();
        ScriptArgs args = new ScriptArgs()
                .add(workerId)
                .add(count)
                .add(now.toEpochMilli())
                .add(now.toString())
                .add(codec.maxEnvelopeBytes())
                .add(TaskIds.newIdPrefix());
        long start = System.nanoTime();
        List<byte[]> claimed =
                redis.await(BusScript.CLAIM.run(redis.commands(), ScriptOutputType.MULTI, claimKeys, args.toArray()));
        metrics.fetched(queue, System.nanoTime() - start);
        return claimed;
    }

    /**
     * Blocks until the ready list has an entry or the poll timeout passes. BLMOVE from the list onto its own tail
     * leaves the list as it was: it only wakes us, and the claim script then moves tasks together with their events,
     * so no task ever sits in a processing list without its task_received.
     */
    private void awaitWork() {
        BusRedis.Connection connection = blockingConnection();
        String ready = keys.ready(queue);
        double seconds = settings.pollTimeout().toMillis() / 1000.0;
        BusRedis.await(
                connection.commands().blmove(ready, ready, LMoveArgs.Builder.rightRight(), seconds),
                settings.pollTimeout().plus(redis.commandTimeout()));
    }

    private synchronized BusRedis.Connection blockingConnection() {
        if (blocking == null) {
            blocking = redis.openBlocking();
        }
        return blocking;
    }

    // ---- running -------------------------------------------------------------------------------------------------

    private void run(byte[] envelope) {
        try {
            execute(envelope);
        } catch (RuntimeException | Error e) {
            // Only a bug in the runtime gets here. This worker stays alive, so the reaper would never take the task
            // back: dead-letter it with the cause rather than leave it in processing for good.
            log.error("Worker runtime failed on a task of {}; dead-lettering it", queue, e);
            try {
                deadLetter(
                        envelope,
                        "worker runtime error: " + e,
                        codec.readTaskId(envelope).orElse(null),
                        null);
            } catch (RuntimeException again) {
                log.error("Could not dead-letter it either; it stays in {}", keys.processing(queue, workerId), again);
            }
        } finally {
            held.computeIfPresent(ByteBuffer.wrap(envelope), (key, count) -> count == 1 ? null : count - 1);
            slots.release();
        }
    }

    /**
     * Returns to ready the tasks in this worker's processing list that it does not know it holds: claimed by a call
     * whose reply was lost (Redis restarted or failed over mid-call). A live worker's list is never reaped, so without
     * this they would stay there for good. Runs in the fetch loop, when no claim is in flight.
     */
    private void recoverOrphans() {
        List<byte[]> listed = redis.await(redis.commands().lrange(keys.processing(queue, workerId), 0, -1));
        Map<ByteBuffer, Integer> known = new HashMap<>(held);
        List<byte[]> orphans = new ArrayList<>();
        for (byte[] envelope : listed) {
            ByteBuffer key = ByteBuffer.wrap(envelope);
            if (known.merge(key, -1, Integer::sum) < 0) {
                orphans.add(envelope);
            }
        }
        if (!orphans.isEmpty()) {
            int moved = recovery.takeBack(
                    queue, workerId, orphans, "+inf", false, "claimed by " + workerId + " but its reply was lost");
            log.warn("Returned {} tasks of {} whose claim reply was lost to the ready list", moved, queue);
        }
    }

    private void execute(byte[] envelope) {
        TaskEnvelope task;
        try {
            task = codec.decode(envelope);
        } catch (InvalidEnvelopeException e) {
            deadLetter(envelope, e.reason(), e.taskId().orElse(null), null);
            return;
        }
        TaskHandler handler = handlers.get(task.taskType());
        if (handler == null) {
            deadLetter(
                    envelope,
                    "unknown task_type '%s' on queue %s".formatted(task.taskType(), queue),
                    task.taskId(),
                    task);
            return;
        }
        if (!task.queue().equals(queue)) {
            deadLetter(
                    envelope,
                    "envelope names queue %s but was on %s".formatted(task.queue(), queue),
                    task.taskId(),
                    task);
            return;
        }
        Instant started = clock.instant();
        if (task.expiresAt() != null && !started.isBefore(task.expiresAt())) {
            TaskEvent expired = event(EventType.TASK_TIMEOUT, task, started)
                    .withError(new TaskEvent.ErrorInfo(
                            "expired", "expires_at " + task.expiresAt() + " passed before it ran"));
            if (notified(task, TaskStatus.TIMEOUT, expired) && submit("A", envelope, null, 0, expired)) {
                metrics.completed(queue, task.taskType(), TaskStatus.TIMEOUT, 0);
            }
            return;
        }
        Instant deadline = started.plusMillis(task.timeoutMs());
        if (task.expiresAt() != null && task.expiresAt().isBefore(deadline)) {
            deadline = task.expiresAt();
        }
        RunningTask run = new RunningTask(this, task, envelope, deadline, Thread.currentThread());
        running.add(run);
        putMdc(task);
        long startNanos = System.nanoTime();
        try {
            settler.submit(Settler.Op.event(fields(event(EventType.TASK_STARTED, task, started))));
            Settlement settlement = settlementOf(run, invoke(handler, run));
            Thread.interrupted(); // a timeout that fired after the handler returned must not leak into settling
            boolean held = settle(settlement, envelope, task);
            if (held) {
                metrics.completed(queue, task.taskType(), settlement.status(), System.nanoTime() - startNanos);
            } else if (givenBack) {
                log.info(
                        "Task {} finished after this worker gave it back at shutdown; its result is dropped",
                        task.taskId());
            } else {
                log.warn(
                        "Lease lost: task {} was taken back by the reaper before it ended; its {} is dropped",
                        task.taskId(),
                        settlement.status());
            }
        } finally {
            running.remove(run);
            MDC.clear();
        }
    }

    /** The handler's result, or the exception it threw. */
    private Object invoke(TaskHandler handler, RunningTask run) {
        try {
            TaskOutcome outcome = handler.handle(run.task(), run);
            return outcome == null ? new IllegalStateException("handler returned no outcome") : outcome;
        } catch (Exception e) {
            return e;
        } catch (StackOverflowError | OutOfMemoryError e) {
            return e; // the task may be to blame; retrying it is bounded by max_retries
        }
    }

    /** What to do with the task: one move and its event. */
    private record Settlement(String op, TaskStatus status, byte @Nullable [] target, long score, TaskEvent event) {}

    private Settlement settlementOf(RunningTask run, Object result) {
        TaskEnvelope task = run.task();
        Instant now = clock.instant();
        if (run.timedOut()) {
            return terminal(
                    EventType.TASK_TIMEOUT,
                    task,
                    now,
                    Map.of(),
                    new TaskEvent.ErrorInfo("timeout", "ran past its deadline " + run.deadline()));
        }
        return switch (result) {
            case TaskOutcome.Success success -> terminal(EventType.TASK_SUCCEEDED, task, now, success.details(), null);
            case TaskOutcome.NoData noData -> terminal(EventType.TASK_NO_DATA, task, now, noDataDetails(noData), null);
            case TaskOutcome.Retry retry ->
                retryOrDead(run, now, retry.delay(), new TaskEvent.ErrorInfo("retry_requested", retry.reason()));
            case TaskOutcome.Failure failure ->
                dead(run, now, failure.reason(), new TaskEvent.ErrorInfo("failure", failure.reason()));
            case TaskCancelledException cancelled -> terminal(EventType.TASK_CANCELLED, task, now, Map.of(), null);
            case PermanentTaskFailure failure -> dead(run, now, describe(failure), errorOf(failure));
            case RetryLaterException later -> retryOrDead(run, now, later.delay(), errorOf(later));
            case Throwable error
            when run.cancelSignalled() -> terminal(EventType.TASK_CANCELLED, task, now, Map.of(), null);
            case Throwable error -> retryOrDead(run, now, retryPolicy.backoff(task.attempt()), errorOf(error));
            default -> throw new IllegalStateException("unexpected result " + result);
        };
    }

    private static Map<String, ?> noDataDetails(TaskOutcome.NoData noData) {
        Map<String, Object> details = new LinkedHashMap<>(noData.details());
        details.put("reason", noData.reason());
        return details;
    }

    private Settlement terminal(
            EventType type,
            TaskEnvelope task,
            Instant now,
            Map<String, ?> details,
            TaskEvent.@Nullable ErrorInfo error) {
        TaskEvent event = event(type, task, now)
                .withError(error)
                .withDetails(details.isEmpty() ? null : codec.toPayload(details));
        return new Settlement("A", type.status().orElseThrow(), null, 0, event);
    }

    private Settlement retryOrDead(RunningTask run, Instant now, Duration delay, TaskEvent.ErrorInfo error) {
        TaskEnvelope task = run.task();
        if (!task.hasRetriesLeft()) {
            String reason = "failed after %d attempts: %s".formatted(task.attempt() + 1, error.message());
            return dead(run, now, reason, error);
        }
        TaskEnvelope next = task.withAttempt(task.attempt() + 1);
        ObjectNode details = codec.toPayload(Map.of("retry_in_ms", delay.toMillis()));
        TaskEvent event = event(EventType.TASK_RETRIED, task, now)
                .withAttempt(next.attempt())
                .withError(error)
                .withDetails(details);
        return new Settlement(
                "R", TaskStatus.RETRY, codec.encode(next), now.plus(delay).toEpochMilli(), event);
    }

    /** Dead-letters the envelope as it was on the bus, byte for byte, not as this version would write it. */
    private Settlement dead(RunningTask run, Instant now, String reason, TaskEvent.ErrorInfo error) {
        byte[] record = DeadLetter.of(reason, now, workerId, run.envelope()).toJson(codec.mapper());
        TaskEvent event = event(EventType.TASK_FAILED, run.task(), now).withError(error);
        return new Settlement("D", TaskStatus.FAILURE, record, 0, event);
    }

    private boolean settle(Settlement settlement, byte[] envelope, TaskEnvelope task) {
        if (settlement.op().equals("D")) {
            log.warn(
                    "Task {} ({}) dead-lettered: {}",
                    task.taskId(),
                    task.taskType(),
                    settlement.event().error().message());
        } else if (settlement.op().equals("R")) {
            log.warn(
                    "Task {} ({}) will retry: {}",
                    task.taskId(),
                    task.taskType(),
                    settlement.event().error().message());
        }
        boolean ends = !settlement.op().equals("R");
        if (ends && !notified(task, settlement.status(), settlement.event())) {
            return false;
        }
        boolean held = submit(settlement.op(), envelope, settlement.target(), settlement.score(), settlement.event());
        if (held && settlement.op().equals("D")) {
            metrics.deadLettered(queue);
        }
        return held;
    }

    /** Sends the task's {@code reply_to} notice, if any; false leaves the task unsettled (the worker is stopping). */
    private boolean notified(TaskEnvelope task, TaskStatus status, TaskEvent ending) {
        try {
            return notices.send(task, status, ending, () -> !givenBack);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Dead-letters an envelope that cannot run; journalled as task_failed when its task id could be read. */
    private void deadLetter(byte[] envelope, String reason, @Nullable UUID taskId, @Nullable TaskEnvelope task) {
        Instant now = clock.instant();
        log.warn(
                "Dead-lettering an envelope from {}{}: {}",
                queue,
                taskId == null ? "" : " (task " + taskId + ")",
                reason);
        byte[] record = DeadLetter.of(reason, now, workerId, envelope).toJson(codec.mapper());
        Map<String, String> fields = Map.of();
        if (taskId != null) {
            TaskEvent event = task != null
                    ? event(EventType.TASK_FAILED, task, now)
                    : new TaskEvent(
                            TaskIds.newId(),
                            EventType.TASK_FAILED,
                            null,
                            taskId,
                            null,
                            queue,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            workerId,
                            now,
                            null,
                            null);
            fields = fields(event.withError(new TaskEvent.ErrorInfo("invalid_envelope", reason)));
        }
        if (await(settler.submit(new Settler.Op("D", envelope, record, 0, fields, new CompletableFuture<>())))) {
            metrics.deadLettered(queue);
        }
    }

    private boolean submit(String op, byte[] envelope, byte @Nullable [] target, long score, TaskEvent event) {
        return await(settler.submit(new Settler.Op(
                op, envelope, target == null ? new byte[0] : target, score, fields(event), new CompletableFuture<>())));
    }

    private static boolean await(CompletableFuture<Boolean> applied) {
        try {
            return applied.join();
        } catch (RuntimeException e) {
            log.warn(
                    "Task outcome not settled ({}); the task stays in processing until the reaper takes it back",
                    e.toString());
            return false;
        }
    }

    void emit(EventType type, TaskEnvelope task, Map<String, ?> details) {
        settler.submit(
                Settler.Op.event(fields(event(type, task, clock.instant()).withDetails(codec.toPayload(details)))));
    }

    private TaskEvent event(EventType type, TaskEnvelope task, Instant at) {
        return TaskEvent.of(type, task, at).withWorker(workerId);
    }

    private Map<String, String> fields(TaskEvent event) {
        return codec.streamFields(event, null);
    }

    private static TaskEvent.ErrorInfo errorOf(Throwable error) {
        return new TaskEvent.ErrorInfo(error.getClass().getName(), describe(error));
    }

    private static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }

    private static void putMdc(TaskEnvelope task) {
        MDC.put("task_id", task.taskId().toString());
        MDC.put("session_id", task.sessionId());
        MDC.put("user_id", task.userId());
        if (task.traceparent() != null) {
            MDC.put(Traceparent.MDC_KEY, task.traceparent());
        }
    }

    /**
     * Times out the running tasks whose deadline passed: one pass over the running set on a short period rather than
     * a timer per task, because a cancelled timer stays in its executor's queue until its delay (60 s by default)
     * ends, and at 10,000 tasks/s those dead entries grew the heap by tens of megabytes and slowed every schedule.
     */
    void sweepTimeouts() {
        Instant now = clock.instant();
        for (RunningTask run : running) {
            if (!run.timedOut() && !now.isBefore(run.deadline())) {
                run.timeOut();
            }
        }
    }

    boolean isCancelled(UUID taskId) {
        return cancelled.contains(taskId.toString());
    }

    // ---- maintenance ---------------------------------------------------------------------------------------------

    void heartbeat() {
        String[] workers = {keys.workers(queue)};
        redis.await(BusScript.HEARTBEAT.run(
                redis.commands(), ScriptOutputType.INTEGER, workers, new byte[][] {bytes(workerId)}));
    }

    /** Takes back the tasks of every other worker of this queue whose heartbeat is older than the lease. */
    void reap() {
        recovery.reapDeadWorkers(queue, settings.lease(), workerId).forEach((other, moved) -> {
            if (moved > 0) {
                log.warn("Took back {} tasks of {} from dead worker {}", moved, queue, other);
                metrics.reaped(queue, moved);
            }
        });
    }

    /** Queues due retries and scheduled tasks, a bounded number per script call. */
    void promote() {
        int batch = 100;
        String[] promoteKeys = {keys.delayed(queue), keys.ready(queue), keys.events(queue), keys.cancelled(queue)};
        long moved;
        do {
            Instant now = clock.instant();
            ScriptArgs args = new ScriptArgs()
                    .add(now.toEpochMilli())
                    .add(now.toString())
                    .add(batch)
                    .add(TaskIds.newIdPrefix());
            moved = redis.<Long>await(
                    BusScript.PROMOTE.run(redis.commands(), ScriptOutputType.INTEGER, promoteKeys, args.toArray()));
        } while (moved == batch);
    }

    /** Refreshes the ids of cancelled tasks, which running handlers check through their context. */
    void refreshCancellations() {
        if (running.isEmpty()) {
            cancelled = Set.of();
            return;
        }
        List<byte[]> ids = redis.await(redis.commands()
                .zrangebyscore(keys.cancelled(queue), Range.create((double) clock.millis(), Double.POSITIVE_INFINITY)));
        Set<String> fresh = new HashSet<>();
        ids.forEach(id -> fresh.add(new String(id, StandardCharsets.UTF_8)));
        cancelled = Set.copyOf(fresh);
        for (RunningTask run : running) {
            if (fresh.contains(run.task().taskId().toString())) {
                run.signalCancel(); // wakes a handler blocked in I/O or sleep; its run ends as CANCELLED
            }
        }
    }

    /** Reads the queue's depth and the age of its oldest ready task into the gauges. */
    void refreshStats() {
        QueueInspector.QueueFigures figures = inspector.figures(queue, settings.lease());
        metrics.queueDepth(queue, "ready", figures.ready());
        metrics.queueDepth(queue, "processing", figures.processing());
        metrics.queueDepth(queue, "delayed", figures.delayed());
        metrics.queueDepth(queue, "dead", figures.dead());
        metrics.oldestAge(
                queue,
                figures.oldestWaiting() == null ? 0 : figures.oldestWaiting().toSeconds());
    }

    /** Whether the fetch loop polled Redis recently; restarts the loop if it died. */
    boolean checkFetchLoop() {
        if (!fetching) {
            return true;
        }
        Thread thread = fetchThread;
        if (thread != null && !thread.isAlive()) {
            log.error("Fetch loop of {} died; starting it again", queue);
            startFetchThread();
        }
        Duration silence = Duration.ofNanos(System.nanoTime() - lastPollNanos);
        return silence.compareTo(
                        settings.pollTimeout().plus(redis.commandTimeout()).multipliedBy(3))
                < 0;
    }

    // ---- shutdown ------------------------------------------------------------------------------------------------

    /** Stops claiming; running tasks go on. */
    void stopFetching() {
        fetching = false;
        Thread thread = fetchThread;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Waits for running tasks until {@code deadlineNanos}; returns whether all finished. */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        if (slots.tryAcquire(settings.concurrency(), Math.max(0, left), TimeUnit.NANOSECONDS)) {
            slots.release(settings.concurrency());
            return true;
        }
        return false;
    }

    /** Gives back what still runs after the grace period, then stops settling and closes the blocking connection. */
    void shutdown(Duration settleTimeout) throws InterruptedException {
        Thread thread = fetchThread;
        if (thread != null) {
            thread.join(settings.pollTimeout().plus(redis.commandTimeout()).toMillis());
        }
        // Settle what already finished before giving back, or a task that succeeded would run again.
        settler.stop(settleTimeout);
        givenBack = true;
        try {
            // also forgets this worker, once its processing list is empty
            int moved = recovery.takeBack(
                    queue, workerId, "+inf", true, "worker " + workerId + " shut down before the task ended");
            if (moved > 0) {
                log.warn("Gave back {} unfinished tasks of {} at shutdown", moved, queue);
            }
        } catch (RuntimeException e) {
            log.warn("Could not give back the tasks of {} ({}); the reaper will after the lease", queue, e.toString());
        }
        running.forEach(RunningTask::abandon);
        synchronized (this) {
            if (blocking != null) {
                blocking.close();
                blocking = null;
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
