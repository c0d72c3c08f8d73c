package com.split.tasks.bus.worker;

import com.split.tasks.EventType;
import com.split.tasks.QueueName;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskEvent;
import com.split.tasks.TaskStatus;
import com.split.tasks.bus.Settlement;
import com.split.tasks.codec.InvalidEnvelopeException;
import com.split.tasks.codec.TaskCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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

/**
 * Runs the tasks one queue's worker claimed, each on a virtual thread in a slot of its own: decodes the envelope, sets
 * the MDC, calls the handler within its deadline, learns of cancellations, and settles the outcome that the
 * {@link SettlementPolicy} decides through the {@link Settler}, after the task's {@code reply_to} notice.
 */
final class TaskRunner {

    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    private final QueueContext context;
    private final QueueName queue;
    private final Map<String, TaskHandler> handlers;
    private final ExecutorService taskThreads;
    private final SettlementPolicy policy;
    private final Settler settler;
    private final FinishedNotices notices;
    private final TaskCodec codec;
    private final Semaphore slots;
    private final RunningTasks running = new RunningTasks();
    /** Envelopes held from the claim reply until settled: what this worker's processing list should contain. */
    private final Map<ByteBuffer, Integer> held = new ConcurrentHashMap<>();

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
        this.slots = new Semaphore(context.settings().concurrency());
        context.metrics().inFlight(queue, running::size);
    }

    String workerId() {
        return context.workerId();
    }

    int inFlight() {
        return running.size();
    }

    // ---- slots ---------------------------------------------------------------------------------------------------

    /**
     * Waits up to the poll timeout for one free slot, then takes as many more as are free, up to {@code most}.
     *
     * @return the slots taken, 0 if none came free
     */
    int reserve(int most) throws InterruptedException {
        if (!slots.tryAcquire(context.settings().pollTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            return 0;
        }
        int taken = 1;
        while (taken < most && slots.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    void release(int unused) {
        slots.release(unused);
    }

    /** Runs a claimed envelope in one of the slots {@link #reserve} took. */
    void submit(byte[] envelope) {
        held.merge(ByteBuffer.wrap(envelope), 1, Integer::sum);
        taskThreads.execute(() -> run(envelope));
    }

    /** How many times each envelope is held, at this moment. */
    Map<ByteBuffer, Integer> held() {
        return new HashMap<>(held);
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
                reject(
                        envelope,
                        "worker runtime error: " + e,
                        codec.readTaskId(envelope).orElse(null),
                        null);
            } catch (RuntimeException again) {
                log.error("Could not dead-letter it either; it stays in the processing list of {}", workerId(), again);
            }
        } finally {
            held.computeIfPresent(ByteBuffer.wrap(envelope), (key, count) -> count == 1 ? null : count - 1);
            slots.release();
        }
    }

    private void execute(byte[] envelope) {
        TaskEnvelope task;
        try {
            task = codec.decode(envelope);
        } catch (InvalidEnvelopeException e) {
            reject(envelope, e.reason(), e.taskId().orElse(null), null);
            return;
        }
        TaskHandler handler = handlers.get(task.taskType());
        if (handler == null) {
            reject(
                    envelope,
                    "unknown task_type '%s' on queue %s".formatted(task.taskType(), queue),
                    task.taskId(),
                    task);
            return;
        }
        if (!task.queue().equals(queue)) {
            reject(
                    envelope,
                    "envelope names queue %s but was on %s".formatted(task.queue(), queue),
                    task.taskId(),
                    task);
            return;
        }
        Instant started = context.clock().instant();
        if (task.expiresAt() != null && !started.isBefore(task.expiresAt())) {
            if (settle(task, policy.expired(task, envelope, started))) {
                context.metrics().completed(queue, task.taskType(), TaskStatus.TIMEOUT, 0);
            }
            return;
        }
        Instant deadline = started.plusMillis(task.timeoutMs());
        if (task.expiresAt() != null && task.expiresAt().isBefore(deadline)) {
            deadline = task.expiresAt();
        }
        RunningTask run = new RunningTask(this, running, task, deadline, Thread.currentThread());
        running.add(run);
        run.putMdc();
        long startNanos = System.nanoTime();
        try {
            settler.submit(new Settlement.Event(fields(policy.event(EventType.TASK_STARTED, task, started))));
            Object result = run.call(handler);
            SettlementPolicy.Decision decision = policy.decide(
                    new SettlementPolicy.Run(task, envelope, deadline, result, run.timedOut(), run.cancelSignalled()),
                    context.clock().instant());
            Thread.interrupted(); // a timeout that fired after the handler returned must not leak into settling
            if (settle(task, decision)) {
                context.metrics().completed(queue, task.taskType(), decision.status(), System.nanoTime() - startNanos);
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
        } finally {
            running.remove(run);
            MDC.clear();
        }
    }

    /** Sends the notice of an ending, then applies the decision; false when the worker no longer held the task. */
    private boolean settle(TaskEnvelope task, SettlementPolicy.Decision decision) {
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
        if (decision.ends() && !notified(task, decision)) {
            return false;
        }
        return apply(decision.settlement());
    }

    /** Sends the task's {@code reply_to} notice, if any; false leaves the task unsettled (the worker is stopping). */
    private boolean notified(TaskEnvelope task, SettlementPolicy.Decision decision) {
        try {
            return notices.send(task, decision.status(), decision.event(), () -> !givenBack);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Dead-letters an envelope that cannot run; journalled as task_failed when its task id could be read. */
    private void reject(byte[] envelope, String reason, @Nullable UUID taskId, @Nullable TaskEnvelope task) {
        log.warn(
                "Dead-lettering an envelope from {}{}: {}",
                queue,
                taskId == null ? "" : " (task " + taskId + ")",
                reason);
        apply(policy.reject(
                queue, envelope, reason, taskId, task, context.clock().instant()));
    }

    private boolean apply(Settlement settlement) {
        boolean applied = await(settler.submit(settlement));
        if (applied && settlement instanceof Settlement.DeadLetter) {
            context.metrics().deadLettered(queue);
        }
        return applied;
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

    /** Journals an event of a running task that moves nothing (progress, business result). */
    void emit(EventType type, TaskEnvelope task, Map<String, ?> details) {
        settler.submit(new Settlement.Event(
                fields(policy.event(type, task, context.clock().instant()).withDetails(codec.toPayload(details)))));
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
        int all = context.settings().concurrency();
        if (slots.tryAcquire(all, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            slots.release(all);
            return true;
        }
        return false;
    }

    /** From now on a run's result is dropped and its notice no longer waits for Redis: its task is given back. */
    void giveBack() {
        givenBack = true;
    }

    /** Interrupts the handlers that outlived the grace period; their tasks were given back. */
    void abandon() {
        running.abandonAll();
    }
}
