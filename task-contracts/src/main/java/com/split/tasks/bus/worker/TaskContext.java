package com.split.tasks.bus.worker;

import java.time.Instant;
import java.util.Map;

/** What a running task may ask of the runtime. One per task run; used from the handler's thread. */
public interface TaskContext {

    /** The id of the worker running the task. */
    String workerId();

    /** When the task times out: {@code timeout_ms} after it started, or its {@code expires_at} if that is sooner. */
    Instant deadline();

    boolean isCancelled();

    /**
     * Ends the run if the task was cancelled meanwhile; call it between units of work.
     *
     * @throws TaskCancelledException if it was
     */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new TaskCancelledException();
        }
    }

    /** Journals a {@code task_progress} event with these details; does not wait for Redis. */
    void progress(Map<String, ?> details);

    /** Journals a {@code task_business_result} event (rows written, rejects, …); does not wait for Redis. */
    void businessResult(Map<String, ?> details);
}
