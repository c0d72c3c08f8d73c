package com.split.tasks.bus.worker;

import com.split.tasks.EventType;
import com.split.tasks.TaskEnvelope;
import java.time.Instant;
import java.util.Map;

/** A task while its handler runs: its context, and the flags the timeout and cancellation checks set. */
final class RunningTask implements TaskContext {

    private final QueueWorker worker;
    private final TaskEnvelope task;
    private final byte[] envelope;
    private final Instant deadline;
    private final Thread thread;
    private volatile boolean timedOut;
    private volatile boolean cancelSignalled;

    RunningTask(QueueWorker worker, TaskEnvelope task, byte[] envelope, Instant deadline, Thread thread) {
        this.worker = worker;
        this.task = task;
        this.envelope = envelope;
        this.deadline = deadline;
        this.thread = thread;
    }

    TaskEnvelope task() {
        return task;
    }

    byte[] envelope() {
        return envelope;
    }

    boolean timedOut() {
        return timedOut;
    }

    /** Called by the timeout scheduler: interrupts the handler, whose run then ends as TIMEOUT. */
    void timeOut() {
        timedOut = true;
        thread.interrupt();
    }

    boolean cancelSignalled() {
        return cancelSignalled;
    }

    /** Called when a cancellation request for this task arrives while it runs. */
    void signalCancel() {
        if (!cancelSignalled) {
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
        return worker.workerId();
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public boolean isCancelled() {
        return cancelSignalled || worker.isCancelled(task.taskId());
    }

    @Override
    public void progress(Map<String, ?> details) {
        worker.emit(EventType.TASK_PROGRESS, task, details);
    }

    @Override
    public void businessResult(Map<String, ?> details) {
        worker.emit(EventType.TASK_BUSINESS_RESULT, task, details);
    }
}
