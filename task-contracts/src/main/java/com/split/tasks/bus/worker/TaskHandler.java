package com.split.tasks.bus.worker;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.TaskType;

/**
 * Runs the tasks of one type. A service that declares handler beans consumes their queues.
 *
 * <p>Delivery is at least once: a task may run again after a crash, a lost lease or a retry, so a handler must be
 * idempotent (upserts on natural keys, not blind inserts). Handlers run concurrently on virtual threads.
 *
 * <p>Return an outcome, or throw: {@link PermanentTaskFailure} for what no retry can fix, {@link RetryLaterException} to
 * choose when to try again, and any other exception to be retried with exponential backoff until {@code max_retries}.
 */
public interface TaskHandler {

    TaskType type();

    TaskOutcome handle(TaskEnvelope task, TaskContext context) throws Exception;

    /** A handler of {@code type} that is nothing but its body. */
    static TaskHandler of(TaskType type, Body body) {
        return new TaskHandler() {
            @Override
            public TaskType type() {
                return type;
            }

            @Override
            public TaskOutcome handle(TaskEnvelope task, TaskContext context) throws Exception {
                return body.handle(task, context);
            }
        };
    }

    /** What {@link #handle} does, as a lambda. */
    @FunctionalInterface
    interface Body {
        TaskOutcome handle(TaskEnvelope task, TaskContext context) throws Exception;
    }
}
