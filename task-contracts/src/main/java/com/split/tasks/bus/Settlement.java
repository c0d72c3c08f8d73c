package com.split.tasks.bus;

import com.split.tasks.TaskPriority;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One move of a task out of a worker's processing list, with the lifecycle event that describes it, as one script
 * applies it: fenced by the {@code LREM} of the envelope, so a worker that lost the task moves nothing. Event fields
 * are the stream fields of {@code TaskCodec.streamFields}; empty means no event (an envelope without a task id).
 */
public sealed interface Settlement {

    Map<String, String> event();

    /** Appends an event that moves nothing: task_started, task_progress, task_business_result. */
    record Event(Map<String, String> event) implements Settlement {}

    /**
     * The task ended (succeeded, no data, cancelled, timed out): removed, with its terminal event, and its
     * {@link NoticeOutbox} entry when it has a {@code reply_to}.
     */
    record Ack(byte[] envelope, Map<String, String> event, byte @Nullable [] notice) implements Settlement {}

    /** The next attempt waits in the delayed set until {@code dueMillis}. */
    record Retry(byte[] envelope, byte[] next, long dueMillis, Map<String, String> event) implements Settlement {}

    /**
     * Back on the ready list of its priority now for its next attempt: a lost worker's task, or one given back at
     * shutdown.
     */
    record Requeue(byte[] envelope, byte[] next, TaskPriority priority, Map<String, String> event)
            implements Settlement {}

    /**
     * Onto the dead-letter list as {@code record} (a {@link com.split.tasks.bus.DeadLetter} entry), with its
     * {@link NoticeOutbox} entry when the task has a {@code reply_to}.
     */
    record DeadLetter(byte[] envelope, byte[] record, Map<String, String> event, byte @Nullable [] notice)
            implements Settlement {}
}
