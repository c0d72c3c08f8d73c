package com.split.tasks;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a task. Each attempt runs PENDING or RETRY → QUEUED → RECEIVED → PROCESSING → a terminal status;
 * {@link #rank()} orders the statuses of one attempt, so that a journal reading events out of order can tell which one
 * is newer when two carry the same timestamp.
 */
public enum TaskStatus {
    PENDING(0),
    RETRY(1),
    QUEUED(2),
    RECEIVED(3),
    PROCESSING(4),
    SUCCESS(5),
    NO_DATA(5),
    FAILURE(5),
    CANCELLED(5),
    TIMEOUT(5);

    private final int rank;

    TaskStatus(int rank) {
        this.rank = rank;
    }

    /** Position within one attempt; terminal statuses share the highest rank. */
    public int rank() {
        return rank;
    }

    public boolean isTerminal() {
        return rank == 5;
    }

    /**
     * Whether a task in this status may move to {@code next}. Terminal statuses only leave through a replay, which
     * queues the task again; the same status may repeat (progress reports, a second retry).
     */
    public boolean canMoveTo(TaskStatus next) {
        return next == this || allowedNext().contains(next);
    }

    private Set<TaskStatus> allowedNext() {
        return switch (this) {
            case PENDING -> EnumSet.of(QUEUED, CANCELLED, FAILURE);
            // RETRY straight to FAILURE: the reaper dead-letters a task that a lost worker held too often.
            case RETRY -> EnumSet.of(QUEUED, CANCELLED, FAILURE);
            case QUEUED -> EnumSet.of(RECEIVED, CANCELLED, RETRY, FAILURE);
            case RECEIVED -> EnumSet.of(PROCESSING, CANCELLED, RETRY, FAILURE, TIMEOUT);
            case PROCESSING -> EnumSet.of(SUCCESS, NO_DATA, FAILURE, RETRY, CANCELLED, TIMEOUT);
            case SUCCESS, NO_DATA, FAILURE, CANCELLED, TIMEOUT -> EnumSet.of(QUEUED);
        };
    }
}
