package com.split.tasks.bus.worker;

/** Ends a run whose task was cancelled; thrown by {@link TaskContext#throwIfCancelled()}. */
public final class TaskCancelledException extends RuntimeException {

    public TaskCancelledException() {
        super("task cancelled", null, false, false);
    }
}
