package com.split.tasks.bus.worker;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.bus.Settlement;
import com.split.tasks.codec.InvalidEnvelopeException;
import com.split.tasks.codec.TaskCodec;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs the tasks one queue's worker claimed, each on a virtual thread in a slot of its own: decodes the envelope, sets
 * the MDC, calls the handler within its deadline, learns of cancellations, and settles the outcome that the
 * {@link SettlementPolicy} decides through the {@link Settler}, after the task's {@code reply_to} notice.
 */
final class TaskRunner {

    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    /** How long a run's task_started may wait to go out with its ending. */
    static final Duration STARTED_WITH_ENDING = Duration.ofMillis(20);

    private static final CompletableFuture<Boolean> NOTHING_SETTLED = CompletableFuture.completedFuture(false);

    private final QueueContext context;
    private final QueueName queue;
    private final Map<String, TaskHandler> handlers;
    private final ExecutorService taskThreads;
    private final SettlementPolicy policy;
    private final Settler settler;
    private final FinishedNotices notices;
    private final TaskCodec codec;
    private final Slots slots;
    private final RunningTasks running = new RunningTasks();
    /** Envelopes held from the claim reply until settled: what this worker's processing list should contain. */
    private final Map<ByteBuffer, Integer> held = new ConcurrentHashMap<>();

    /** Handler threads given up on past their hard timeout that have not returned yet. */
    private final AtomicInteger givenUpThreads = new AtomicInteger();

    private volatile boolean givenBack;

    TaskRunner(
            QueueContext context,
            Map<String, TaskHandler> handlers,
            ExecutorService taskThreads,
            SettlementPolicy policy,
            Settler settler,
            FinishedNotices notices,
            TaskCodec codec) {
        this.context = context;
        this.queue = context.queue();
        this.handlers = Map.copyOf(handlers);
        this.taskThreads = taskThreads;
        this.policy = policy;
        this.settler = settler;
        this.notices = notices;
        this.codec = codec;
        this.slots = new Slots(context.settings().concurrency());
        context.metrics().inFlight(queue, running::size);
        context.metrics().givenUp(queue, givenUpThreads::get);
    }

    String workerId() {
        return context.workerId();
    }

    int inFlight() {
        return running.size();
    }

    /** Handler threads given up on past their hard timeout that still run. */
    int givenUpThreads() {
        return givenUpThreads.get();
    }

    /** Where the fetch loop reserves places for what it claims; each run frees its own. */
    Slots slots() {
        return slots;
    }

    /** Runs a claimed envelope in a slot reserved for it. */
    void submit(byte[] envelope) {
        held.merge(ByteBuffer.wrap(envelope), 1, Integer::sum);
        taskThreads.execute(() -> run(envelope));
    }

    /** How many times each envelope is held, at this moment. */
    Map<ByteBuffer, Integer> held() {
        return new HashMap<>(held);
    }

    // ---- running -------------------------------------------------------------------------------------------------

    /**
     * A run's slot and its hold on the envelope, freed once: when its thread is done with it, or when the worker gives
     * up on a handler deaf to its deadline, so that its slot runs another task while the old thread is left.
     */
    final class Place {

        private final byte[] envelope;
        private final AtomicBoolean freed = new AtomicBoolean();

        private Place(byte[] envelope) {
            this.envelope = envelope;
        }

        byte[] envelope() {
            return envelope;
        }

        /**
         * The slot is free once the ending is queued: the next claim overlaps this settlement's round trip. The
         * envelope stays held until Redis has settled it, so the orphan check never takes it back meanwhile.
         */
        void free(CompletableFuture<Boolean> settled) {
            if (freed.compareAndSet(false, true)) {
                slots.release(1);
                settled.whenComplete((applied, failure) -> unhold(envelope));
            }
        }
    }

    private void run(byte[] envelope) {
        Place place = new Place(envelope);
        CompletableFuture<Boolean> settled = NOTHING_SETTLED;
        try {
            settled = execute(place);
        } catch (RuntimeException | Error e) {
            // Only a bug in the runtime gets here. This worker stays alive, so the reaper would never take the task
            // back: dead-letter it with the cause rather than leave it in processing for good.
            log.error("Worker runtime failed on a task of {}; dead-lettering it", queue, e);
            try {
                settled = reject(
                        envelope,
                        "worker runtime error: " + e,
                        codec.readTaskId(envelope).orElse(null),
                        null);
            } catch (RuntimeException again) {
                log.error("Could not dead-letter it either; it stays in the processing list of {}", workerId(), again);
            }
        } finally {
            place.free(settled);
        }
    }

    private void unhold(byte[] envelope) {
        held.computeIfPresent(ByteBuffer.wrap(envelope), (key, count) -> count == 1 ? null : count - 1);
    }

    /** Runs one envelope to its ending; the future completes once that is settled, with whether it was applied. */
    private CompletableFuture<Boolean> execute(Place place) {
        byte[] envelope = place.envelope();
        TaskEnvelope task;
        try {
            task = codec.decode(envelope);
        } catch (InvalidEnvelopeException e) {
            return reject(envelope, e.reason(), e.taskId().orElse(null), null);
        }
        TaskHandler handler = handlers.get(task.taskType());
        if (handler == null) {
            return reject(
                    envelope,
                    "unknown task_type '%s' on queue %s".formatted(task.taskType(), queue),
                    task.taskId(),
                    task);
        }
        if (!task.queue().equals(queue)) {
            return reject(
                    envelope,
                    "envelope names queue %s but was on %s".formatted(task.queue(), queue),
                    task.taskId(),
                    task);
        }
        Instant started = context.clock().instant();
        // A retry's or redelivery's created_at is its first attempt's: its wait would count earlier runs and backoffs.
        if (task.attempt() == 0 && task.redeliveries() == 0) {
            context.metrics().waited(queue, task.taskType(), Duration.between(task.createdAt(), started));
        }
        if (task.expiresAt() != null && !started.isBefore(task.expiresAt())) {
            return settle(task, policy.expired(task, envelope, started), null, 0);
        }
        Instant deadline = started.plusMillis(task.timeoutMs());
        if (task.expiresAt() != null && task.expiresAt().isBefore(deadline)) {
            deadline = task.expiresAt();
        }
        // task_started goes out with the ending when the run is short, or on the next sweep when it is not: one
        // round trip to Redis and one hand-off to the settler per task instead of two, every event still journalled.
        Settlement.Event startedEvent =
                new Settlement.Event(fields(policy.event(EventType.TASK_STARTED, task, started)));
        RunningTask run =
                new RunningTask(this, running, task, started, startedEvent, deadline, Thread.currentThread(), place);
        running.add(run);
        TaskTracing.TracedRun traced = context.tracing().start(task, workerId(), started);
        run.putMdc(traced.traceparent());
        long startNanos = System.nanoTime();
        try {
            Object result = run.call(handler);
            if (!run.settling()) {
                givenUpThreads.decrementAndGet();
                log.warn(
                        "Task {} ({}) returned after this worker gave up on it; its outcome is dropped",
                        task.taskId(),
                        task.taskType());
                return NOTHING_SETTLED;
            }
            SettlementPolicy.Decision decision = policy.decide(
                    new SettlementPolicy.Run(task, envelope, deadline, result, run.timedOut(), run.cancelSignalled()),
                    context.clock().instant());
            traced.outcome(decision.status(), result);
            return settle(task, decision, run, System.nanoTime() - startNanos);
        } finally {
            traced.close();
            settler.sendStarted(run); // if it was not settled: the worker is stopping
            running.remove(run);
            MDC.clear();
        }
    }

    /**
     * Sends the notice of an ending, then queues the decision; the future completes once Redis has applied it (and
     * the run's metrics are counted), false when the worker no longer held the task.
     */
    private CompletableFuture<Boolean> settle(
            TaskEnvelope task, SettlementPolicy.Decision decision, @Nullable RunningTask run, long ranNanos) {
        switch (decision.settlement()) {
            case Settlement.DeadLetter dead ->
                log.warn(
                        "Task {} ({}) dead-lettered: {}",
                        task.taskId(),
                        task.taskType(),
                        decision.event().error().message());
            case Settlement.Retry retry ->
                log.warn(
                        "Task {} ({}) will retry: {}",
                        task.taskId(),
                        task.taskType(),
                        decision.event().error().message());
            default -> {}
        }
        return apply(run, decision.settlement()).thenApply(applied -> {
            if (applied) {
                context.metrics().completed(queue, task.taskType(), decision.status(), ranNanos);
            } else if (givenBack) {
                log.info(
                        "Task {} finished after this worker gave it back at shutdown; its result is dropped",
                        task.taskId());
            } else {
                log.warn(
                        "Lease lost: task {} was taken back by the reaper before it ended; its {} is dropped",
                        task.taskId(),
                        decision.status());
            }
            return applied;
        });
    }

    /** Dead-letters an envelope that cannot run; journalled as task_failed when its task id could be read. */
    private CompletableFuture<Boolean> reject(
            byte[] envelope, String reason, @Nullable UUID taskId, @Nullable TaskEnvelope task) {
        log.warn(
                "Dead-lettering an envelope from {}{}: {}",
                queue,
                taskId == null ? "" : " (task " + taskId + ")",
                reason);
        return apply(
                null,
                policy.reject(
                        queue, envelope, reason, taskId, task, context.clock().instant()));
    }

    private CompletableFuture<Boolean> apply(@Nullable RunningTask run, Settlement settlement) {
        return settler.submit(run, settlement)
                .exceptionally(e -> {
                    log.warn(
                            "Task outcome not settled ({}); the task stays in processing until the reaper takes it"
                                    + " back",
                            e.toString());
                    return false;
                })
                .thenApply(applied -> {
                    if (applied && settlement instanceof Settlement.DeadLetter) {
                        context.metrics().deadLettered(queue);
                    }
                    if (applied && hasNotice(settlement)) {
                        notices.wake();
                    }
                    return applied;
                });
    }

    private static boolean hasNotice(Settlement settlement) {
        return switch (settlement) {
            case Settlement.Ack ack -> ack.notice() != null;
            case Settlement.DeadLetter dead -> dead.notice() != null;
            default -> false;
        };
    }

    /** Journals an event of a running task that moves nothing (progress, business result). */
    void emit(RunningTask run, EventType type, Map<String, ?> details) {
        TaskEvent event =
                policy.event(type, run.task(), context.clock().instant()).withDetails(codec.toPayload(details));
        settler.submit(run, new Settlement.Event(fields(event)));
    }

    /**
     * The timeout sweep, which also sends the task_started of every run that has gone on for longer than
     * {@link #STARTED_WITH_ENDING}: a long run shows as PROCESSING in the journal within a sweep or so.
     */
    void sweep(Instant now) {
        running.sweepTimeouts(now);
        running.pastHardDeadline(now, context.settings().hardTimeoutGrace()).forEach(run -> giveUp(run, now));
        running.startedBefore(now.minus(STARTED_WITH_ENDING)).forEach(settler::sendStarted);
    }

    /**
     * Settles as TIMEOUT a run whose handler ignored its deadline's interrupt for the hard-timeout grace, and frees its
     * slot for a new thread: a handler blocked in a call that no interrupt reaches (JDBC without a query timeout, a CPU
     * loop) would otherwise hold its slot for good. Its thread is left to end on its own; its outcome is dropped.
     */
    private void giveUp(RunningTask run, Instant now) {
        if (!run.giveUp()) {
            return;
        }
        running.remove(run);
        givenUpThreads.incrementAndGet();
        TaskEnvelope task = run.task();
        Duration grace = context.settings().hardTimeoutGrace();
        log.error(
                "Task {} ({}) ignored the interrupt of its deadline for {}: it ends TIMEOUT and its slot runs other"
                        + " tasks, while its thread is left behind ({} such threads now)",
                task.taskId(),
                task.taskType(),
                grace,
                givenUpThreads.get());
        SettlementPolicy.Decision decision = policy.givenUp(
                new SettlementPolicy.Run(
                        task, run.place().envelope(), run.deadline(), TaskOutcome.success(), true, false),
                grace,
                now);
        run.place()
                .free(settle(
                        task,
                        decision,
                        run,
                        Duration.between(run.started(), now).toNanos()));
    }

    private Map<String, String> fields(TaskEvent event) {
        return codec.streamFields(event, null);
    }

    /** The tasks running now, which the maintenance jobs time out and cancel. */
    RunningTasks running() {
        return running;
    }

    // ---- shutdown ------------------------------------------------------------------------------------------------

    /** Waits for running tasks until {@code deadlineNanos}; returns whether all finished. */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        return slots.awaitAllFree(deadlineNanos);
    }

    /** From now on a run's result is dropped: its task is given back. */
    void giveBack() {
        givenBack = true;
    }

    /** Interrupts the handlers that outlived the grace period; their tasks were given back. */
    void abandon() {
        running.abandonAll();
    }
}
