package com.split.events.journal;

import com.split.tasks.TaskEvent;
import com.split.tasks.TaskStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * A task's row in {@code tasks}, and how one more event changes it.
 *
 * <p>Events reach the journal out of order (several streams' consumers, retries of a batch, a claimed batch of a dead
 * instance), so the status moves forward only: an event sets the status when its key {@code (attempt, occurred_at,
 * rank)} is greater than that of the status it would replace. Attempt comes first because {@code task_retried} carries
 * the attempt that comes next: the RETRY of attempt 1 and everything after it beat the whole of attempt 0, even the
 * terminal status of a worker the reaper gave up on, and the QUEUED of attempt 1 beats that RETRY by time and rank.
 * Within one attempt the later event wins, and the lifecycle rank decides between two stamped in the same
 * millisecond. An event without an attempt counts as one of the current status's attempt.
 *
 * @param statusAttempt the attempt of the event that set {@code status}
 * @param attempts the highest attempt any event named
 * @param envelope the envelope JSON of {@code task_created}: the first one the journal saw
 * @param lastError {@code type: message} of the latest event with an error
 */
record TaskState(
        @Nullable String taskType,
        @Nullable String queue,
        @Nullable String userId,
        @Nullable String sessionId,
        @Nullable TaskStatus status,
        @Nullable Integer statusAttempt,
        @Nullable Instant statusAt,
        int attempts,
        @Nullable String envelope,
        @Nullable String lastError,
        @Nullable Instant lastErrorAt) {

    static final TaskState UNKNOWN = new TaskState(null, null, null, null, null, null, null, 0, null, null, null);

    /** This state after {@code event}; {@code envelopeJson} is the envelope a {@code task_created} entry carries. */
    TaskState apply(TaskEvent event, @Nullable String envelopeJson) {
        // The journal keeps milliseconds: compare what it will store, or a re-read row would order differently.
        Instant at = event.occurredAt().truncatedTo(ChronoUnit.MILLIS);
        TaskStatus nextStatus = status;
        Integer nextStatusAttempt = statusAttempt;
        Instant nextStatusAt = statusAt;
        TaskStatus eventStatus = event.status(); // null for task_business_result: it changes no status
        if (eventStatus != null) {
            int eventAttempt = event.attempt() != null ? event.attempt() : statusAttempt != null ? statusAttempt : 0;
            if (status == null || isAfter(eventAttempt, at, eventStatus)) {
                nextStatus = eventStatus;
                nextStatusAttempt = eventAttempt;
                nextStatusAt = at;
            }
        }
        String nextError = lastError;
        Instant nextErrorAt = lastErrorAt;
        if (event.error() != null && (lastErrorAt == null || !at.isBefore(lastErrorAt))) {
            nextError = event.error().type() + ": " + event.error().message();
            nextErrorAt = at;
        }
        return new TaskState(
                taskType != null ? taskType : event.taskType(),
                queue != null
                        ? queue
                        : event.queue() == null ? null : event.queue().value(),
                userId != null ? userId : event.userId(),
                sessionId != null ? sessionId : event.sessionId(),
                nextStatus,
                nextStatusAttempt,
                nextStatusAt,
                event.attempt() != null ? Math.max(attempts, event.attempt()) : attempts,
                envelope != null ? envelope : envelopeJson,
                nextError,
                nextErrorAt);
    }

    private boolean isAfter(int eventAttempt, Instant at, TaskStatus eventStatus) {
        int current = statusAttempt != null ? statusAttempt : 0;
        if (eventAttempt != current) {
            return eventAttempt > current;
        }
        if (statusAt != null && !at.equals(statusAt)) {
            return at.isAfter(statusAt);
        }
        return status == null || eventStatus.rank() > status.rank();
    }
}
