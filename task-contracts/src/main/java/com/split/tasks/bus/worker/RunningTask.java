package com.split.tasks.bus.worker;

import com.split.tasks.EventType;
import com.split.tasks.TaskEnvelope;
import com.split.tasks.Traceparent;
import com.split.tasks.bus.Settlement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/** A task while its handler runs: its context, and the flags the timeout and cancellation checks set. */
final class RunningTask implements TaskContext {

    private final TaskRunner runner;
    private final RunningTasks running;
    private final TaskEnvelope task;
    private final Instant deadline;
    private final Thread thread;
    private final Instant started;
    private final AtomicReference<Settlement.@Nullable Event> startedEvent;
    private volatile boolean timedOut;
    private volatile boolean cancelSignalled;
    private final TaskRunner.Place place;
    private boolean settling; // guarded by this, like the interrupts it stops
    private boolean givenUp; // guarded by this

    RunningTask(
            TaskRunner runner,
            RunningTasks running,
            TaskEnvelope task,
            Instant started,
            Settlement.Event startedEvent,
            Instant deadline,
            Thread thread,
            TaskRunner.Place place) {
        this.place = place;
        this.started = started;
        this.startedEvent = new AtomicReference<>(startedEvent);
        this.runner = runner;
        this.running = running;
        this.task = task;
        this.deadline = deadline;
        this.thread = thread;
    }

    TaskEnvelope task() {
        return task;
    }

    Instant started() {
        return started;
    }

    /**
     * The task_started event, the first time it is asked for, then null: whoever sends it first (the settlement, an
     * event of the handler's, or the sweep of longer runs) sends it ahead of its own, so it is journalled once and
     * first.
     */
    Settlement.@Nullable Event takeStartedEvent() {
        return startedEvent.getAndSet(null);
    }

    /** Calls the handler on this thread; returns its outcome, or what it threw. */
    Object call(TaskHandler handler) {
        try {
            TaskOutcome outcome = handler.handle(task, this);
            return outcome == null ? new IllegalStateException("handler returned no outcome") : outcome;
        } catch (Exception e) {
            return e;
        } catch (StackOverflowError | OutOfMemoryError e) {
            return e; // the task may be to blame; retrying it is bounded by max_retries
        }
    }

    /**
     * Puts the task's ids in the MDC of this thread, so every log line of the run carries them.
     *
     * @param traceparent the run's span, or the envelope's traceparent when tracing is off
     */
    void putMdc(@Nullable String traceparent) {
        MDC.put("task_id", task.taskId().toString());
        MDC.put("session_id", task.sessionId());
        MDC.put("user_id", task.userId());
        if (traceparent != null) {
            MDC.put(Traceparent.MDC_KEY, traceparent);
        }
    }

    boolean timedOut() {
        return timedOut;
    }

    /** The run's slot and its hold on the envelope, freed once: by the run's thread or when it is given up. */
    TaskRunner.Place place() {
        return place;
    }

    /**
     * Called on the run's thread once the handler returned: from then on no timeout or cancellation interrupts it, so
     * a success is never undone while it is settled.
     *
     * @return false if the worker gave up on the run before: its task was settled without it
     */
    synchronized boolean settling() {
        Thread.interrupted(); // one that came after the handler returned must not reach the settlement
        if (givenUp) {
            return false;
        }
        settling = true;
        return true;
    }

    /**
     * Called by the timeout sweep on a run whose handler ignored its deadline's interrupt for the hard-timeout grace.
     *
     * @return whether the worker gives up on it now; false once the handler returned and its run is being settled
     */
    synchronized boolean giveUp() {
        if (settling || givenUp) {
            return false;
        }
        givenUp = true;
        return true;
    }

    /** Called by the timeout sweep: interrupts the handler, whose run then ends as TIMEOUT. */
    synchronized void timeOut() {
        if (!settling) {
            timedOut = true;
            thread.interrupt();
        }
    }

    boolean cancelSignalled() {
        return cancelSignalled;
    }

    /** Called when a cancellation request for this task arrives while it runs. */
    synchronized void signalCancel() {
        if (!cancelSignalled && !settling) {
            cancelSignalled = true;
            thread.interrupt();
        }
    }

    /** Interrupts a handler that outlived the shutdown grace period; its task was already given back. */
    void abandon() {
        thread.interrupt();
    }

    @Override
    public String workerId() {
        return runner.workerId();
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public boolean isCancelled() {
        return cancelSignalled || running.isCancelled(task.taskId());
    }

    @Override
    public void progress(Map<String, ?> details) {
        runner.emit(this, EventType.TASK_PROGRESS, details);
    }

    @Override
    public void businessResult(Map<String, ?> details) {
        runner.emit(this, EventType.TASK_BUSINESS_RESULT, details);
    }
}
